using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Input the probe of the running host found answered 500, each now a 4xx naming what is wrong: text that is not text (a lone UTF-16
/// surrogate, invalid UTF-8, NUL) wherever a request carries it, and a JSON property given twice.
/// </summary>
public abstract class BadInputHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(LeadsClient.Feature, LedgerClient.Feature);
    }

    [Fact]
    public async Task A_lone_surrogate_in_the_anonymous_capture_is_refused_naming_the_field_and_nothing_is_stored()
    {
        using var response = await Host.CreateClient().PostAsync("api/leads/capture",
            Json("""{"name": "Ann\ud800", "email": "ann@example.com", "message": "\udc00"}"""));

        var problem = await response.AssertFieldsAsync(HttpStatusCode.BadRequest, "name", "message");
        Assert.Contains("surrogate", problem.Error("name"));
        Assert.Equal(0, (await Admin.GetLedgerJsonAsync("api/leads")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF_8_are_refused_naming_the_field_or_the_body()
    {
        byte[] inName = [.. "{\"code\": \"6200\", \"name\": \"Tra"u8, 0xFF, 0xC0, .. "vel\", \"type\": \"expense\"}"u8];

        using var field = await Admin.PostAsync("api/ledger/accounts", Json(inName));
        using var whole = await Admin.PostAsync("api/ledger/accounts", Json([0xFF, 0xFE, 0xFD]));

        Assert.Contains("UTF-8", (await field.AssertFieldsAsync(HttpStatusCode.BadRequest, "name")).Error("name"));
        await whole.AssertFieldsAsync(HttpStatusCode.BadRequest, "body");
        Assert.Equal(HttpStatusCode.NotFound, await Admin.StatusOfAsync("api/ledger/accounts/6200"));
    }

    [Fact]
    public async Task NUL_and_other_control_characters_are_refused_in_bodies_queries_and_forms()
    {
        using var body = await Admin.PostAsync("api/ledger/accounts", Json("""{"code": "6200", "name": "Tra\u0000vel", "type": "expense", "subtype": "\u001b"}"""));
        using var query = await Admin.GetAsync("api/leads?q=ann%00");
        var browser = await SignInAdminAsync();
        using var form = await browser.PostFormAsync("admin/ledger/settings?handler=journal", [new("code", "MSC"), new("name", "Misc\u001b"), new("type", "general")], "admin/ledger/settings");
        // ASP.NET Core's form reader refuses NUL itself, for the whole form.
        using var nulInForm = await browser.PostFormAsync("admin/ledger/settings?handler=journal", [new("code", "MSC"), new("name", "Misc\0"), new("type", "general")], "admin/ledger/settings");

        Assert.Contains("U+0000", (await body.AssertFieldsAsync(HttpStatusCode.BadRequest, "name", "subtype")).Error("name"));
        Assert.Contains("U+0000", (await query.AssertFieldsAsync(HttpStatusCode.BadRequest, "q")).Error("q"));
        Assert.Contains("U+001B", (await form.AssertFieldsAsync(HttpStatusCode.BadRequest, "name")).Error("name"));
        Assert.Contains("invalid characters", (await nulInForm.AssertFieldsAsync(HttpStatusCode.BadRequest, "body")).Error("body"));
        Assert.DoesNotContain("MSC", (await Admin.GetLedgerJsonAsync("api/ledger/journals")).GetRawText());
    }

    [Fact]
    public async Task A_body_an_endpoint_reads_itself_is_checked_whatever_its_content_type_says()
    {
        // The recipe endpoint parses its body itself, so the host's check of JSON bodies (by content type) does not reach a text/plain one.
        using var named = await Admin.PostAsync("api/recipes/run", new StringContent("""{"name": "blank\ud800"}""", Encoding.UTF8, "text/plain"));
        using var held = await Admin.PostAsync("api/recipes/run", new StringContent("""{"recipe": {"name": "x", "steps": [{"name": "Roles", "Roles": [{"Name": "\udc00"}]}]}}""", Encoding.UTF8, "text/plain"));

        Assert.Contains("surrogate", (await named.AssertFieldsAsync(HttpStatusCode.BadRequest, "name")).Error("name"));
        await held.AssertFieldsAsync(HttpStatusCode.BadRequest, "recipe.steps[0].Roles[0].Name");
    }

    [Fact]
    public async Task NUL_in_a_cell_of_an_imported_CSV_file_is_refused_naming_its_line_and_column()
    {
        await Admin.EnableFeaturesAsync(ContactsClient.Feature);
        var file = new ByteArrayContent("Type,Name,Email\r\nCompany,Acme\0 Ltd,acme@example.com\r\n"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };

        using var response = await Admin.PostAsync("api/contacts/import", file);

        Assert.StartsWith("Line 2, column 2 must not contain control characters other than line breaks and tabs (U+0000", (await response.AssertFieldsAsync(HttpStatusCode.BadRequest, "file")).Error("file"));
        Assert.Equal(0, (await Admin.GetLedgerJsonAsync("api/contacts")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task The_host_reads_a_form_with_the_limits_its_page_sets()
    {
        // The import page takes the file back in a hidden field of up to 8 MB (RequestFormLimits), twice a form's default: the host,
        // reading the form first to check its text, must not refuse what the page accepts.
        await Admin.EnableFeaturesAsync(ContactsClient.Feature);
        var browser = await SignInAdminAsync();

        using var response = await browser.PostFormAsync("admin/contacts/import?handler=check", [new("file", new string('-', 5 * 1024 * 1024))], "admin/contacts/import");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The file was lost on the way", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_JSON_property_given_twice_is_refused_naming_it()
    {
        using var response = await Admin.PostAsync("api/ledger/accounts", Json("""{"code": "6200", "name": "Travel", "type": "expense", "lines": [{"code": 1, "code": 2}], "code": "6300"}"""));

        await response.AssertFieldsAsync(HttpStatusCode.BadRequest, "code", "lines[0].code");
    }

    private static ByteArrayContent Json(string text) => Json(Encoding.UTF8.GetBytes(text));

    private static ByteArrayContent Json(byte[] bytes) => new(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
}

public sealed class SqliteBadInputHttpTests() : BadInputHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresBadInputHttpTests() : BadInputHttpTests(DatabaseProvider.Postgres);
