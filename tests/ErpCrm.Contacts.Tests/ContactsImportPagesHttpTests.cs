using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Contacts.Tests;

/// <summary>The admin pages /admin/contacts/import (preview, confirm, background progress) and /admin/contacts/export.</summary>
public abstract class ContactsImportPagesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string ImportPage = "admin/contacts/import";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync("ErpCrm.Contacts");
    }

    private async Task<BrowserSession> SignedInAsync(string userName = "admin", string password = TestHost.AdminPassword)
    {
        var browser = BrowserSession.Open(Host);
        await browser.SignInOrFailAsync(userName, password);
        return browser;
    }

    /// <summary>Posts the upload form as a browser does: multipart, with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(BrowserSession browser, string csv, string duplicates = "skip", string invalid = "stop")
    {
        var token = BrowserSession.AntiforgeryToken(await browser.GetPageAsync(ImportPage));
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "upload", "contacts.csv" },
            { new StringContent(duplicates), "duplicates" },
            { new StringContent(invalid), "invalid" },
        };
        return await browser.Client.PostAsync($"{ImportPage}?handler=preview", form);
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {html}");
        return html;
    }

    private async Task<IReadOnlyList<string>> NamesAsync() =>
        JsonNode.Parse((await (await Admin.GetAsync("api/contacts?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!["items"]!.AsArray()
            .Select(c => c!["DisplayText"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task The_preview_marks_bad_rows_and_duplicates_and_the_confirmation_imports_the_same_file_without_a_new_upload()
    {
        var acme = await (await Admin.PostAsync("api/contacts/import", ContactsClient.CsvBody("Type,Name,Email\nCompany,Acme,sales@acme.example\n")))
            .ReadJsonAsync(HttpStatusCode.OK);
        var acmeId = acme.GetProperty("rows")[0].GetProperty("id").GetString();
        var browser = await SignedInAsync();

        var preview = await HtmlAsync(await UploadAsync(browser, "Type,Name,Email\nCompany,Zed,z@zed.example\nCompany,Acme Two,sales@acme.example\nCompany,Bad,not-an-email\n"), HttpStatusCode.OK);

        Assert.Contains("id=\"import-preview\"", preview);
        Assert.Contains("<strong>1</strong> to create", preview);
        Assert.Contains($"/admin/contacts/{acmeId}", preview);
        Assert.Matches("<tr class=\"table-danger\" data-row=\"4\">", preview);
        Assert.Contains("<strong>Email</strong>:", preview);
        Assert.Equal(["Acme"], await NamesAsync());

        var file = BrowserSession.InputValue(preview, "file");
        var refused = await browser.PostFormAsync(ImportPage, [new("file", file), new("fileName", "contacts.csv"), new("duplicates", "skip"), new("invalid", "stop")]);
        Assert.Contains("Nothing was imported", await HtmlAsync(refused, HttpStatusCode.BadRequest));
        Assert.Equal(["Acme"], await NamesAsync());

        var done = await browser.PostFormAsync(ImportPage, [new("file", file), new("fileName", "contacts.csv"), new("duplicates", "skip"), new("invalid", "skip")]);

        Assert.Contains("Import done", await HtmlAsync(done, HttpStatusCode.OK));
        Assert.Equal(["Acme", "Zed"], await NamesAsync());
    }

    [Fact]
    public async Task The_confirmation_without_the_antiforgery_token_is_refused_and_stores_nothing()
    {
        var browser = await SignedInAsync();
        var preview = await HtmlAsync(await UploadAsync(browser, "Type,Name\nCompany,Zed\n"), HttpStatusCode.OK);

        var forged = await browser.Client.PostAsync(ImportPage, new FormUrlEncodedContent([new("file", BrowserSession.InputValue(preview, "file")), new("duplicates", "skip")]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await NamesAsync());
    }

    [Fact]
    public async Task A_bad_upload_is_answered_on_the_page_next_to_the_file_field()
    {
        var browser = await SignedInAsync();

        var html = await HtmlAsync(await UploadAsync(browser, "Type,Name,Fax\nCompany,Zed,1\n", duplicates: "update"), HttpStatusCode.BadRequest);

        Assert.Contains("is-invalid", html);
        Assert.Contains("There is no column &#x27;Fax&#x27;", html);
        Assert.Matches("<option value=\"update\" selected", html);
    }

    [Fact]
    public async Task A_large_file_is_checked_and_imported_in_the_background_with_its_progress_shown()
    {
        var browser = await SignedInAsync();
        var csv = "Type,Name\n" + string.Concat(Enumerable.Range(1, 250).Select(i => $"Company,Company {i:000}\n"));

        var started = await UploadAsync(browser, csv);

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var preview = await UntilDoneAsync(browser, started.Headers.Location!.ToString());
        Assert.Contains("<strong>250</strong> to create", preview);
        var import = await browser.PostFormAsync(ImportPage, [new("file", BrowserSession.InputValue(preview, "file")), new("duplicates", "skip"), new("invalid", "stop")],
            formPage: started.Headers.Location!.ToString().TrimStart('/'));
        Assert.Equal(HttpStatusCode.Redirect, import.StatusCode);
        Assert.Contains("Import done", await UntilDoneAsync(browser, import.Headers.Location!.ToString()));
        var total = (await (await Admin.GetAsync("api/contacts?pageSize=1")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt64();
        Assert.Equal(250, total);
    }

    /// <summary>Refreshes the progress page (as its htmx poll would) until the job has ended; a bounded number of times.</summary>
    private static async Task<string> UntilDoneAsync(BrowserSession browser, string location)
    {
        var path = location.TrimStart('/');
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var html = await browser.GetPageAsync(path);
            if (!html.Contains("import-rows-done", StringComparison.Ordinal))
            {
                return html;
            }
            Assert.Contains("rows", html);
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("The import did not end.");
    }

    [Fact]
    public async Task The_export_page_downloads_the_filtered_contacts_and_the_import_page_needs_manage_contacts()
    {
        await Admin.PostAsync("api/contacts/import", ContactsClient.CsvBody("Type,Name,IsCustomer\nCompany,Acme,yes\nCompany,Bolts,no\n"));
        await Admin.CreateRoleAsync("Contact viewer", "AccessAdmin", "ViewContacts", "ViewContent");
        await Admin.CreateUserAsync("viewer", "Contact viewer");
        var viewer = await SignedInAsync("viewer", "Secret-pass-1");

        var export = await viewer.Client.GetAsync("admin/contacts/export?q=&role=customer&type=");
        var csv = await export.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Contains(",Acme,", csv);
        Assert.DoesNotContain("Bolts", csv);
        Assert.Equal(HttpStatusCode.BadRequest, (await viewer.Client.GetAsync("admin/contacts/export?role=prospect")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.GetAsync(ImportPage)).StatusCode);
    }
}

public sealed class SqliteContactsImportPagesHttpTests() : ContactsImportPagesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContactsImportPagesHttpTests() : ContactsImportPagesHttpTests(DatabaseProvider.Postgres);
