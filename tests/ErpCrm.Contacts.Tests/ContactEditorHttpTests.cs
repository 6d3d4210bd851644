using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.ContactsClient;

namespace ErpCrm.Contacts.Tests;

/// <summary>
/// The company and person editor: a contact's own fields and those an admin added, saved through the contact service, so an empty
/// name and a duplicate are refused at their field (the duplicate linked), with the revision it was opened at.
/// </summary>
public abstract class ContactEditorHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private BrowserSession _browser = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
        _browser = await SignInAdminAsync();
    }


    private static List<KeyValuePair<string, string>> Form(string html, params (string Name, string Value)[] changes)
    {
        var form = Regex.Matches(html, "<input[^>]*name=\"((?:TitlePart|ContactPart|PersonPart|Person|Company)\\.[^\"]+|_revision)\"[^>]*value=\"([^\"]*)\"")
            .Where(m => !m.Value.Contains("type=\"checkbox\"")).DistinctBy(m => m.Groups[1].Value) // the delete form carries the revision too
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (var (name, value) in changes)
        {
            form[name] = value;
        }
        return [.. form];
    }

    [Fact]
    public async Task A_person_is_edited_with_its_company_picked_and_a_field_an_admin_added_and_the_item_editor_sends_contacts_to_it()
    {
        await Admin.AddTypeFieldAsync("Person", "TextField", "Nickname", "Nickname");
        var acme = (await Admin.CreateContactAsync(Company("Acme Corp"))).Id();
        var ada = (await Admin.CreateContactAsync(Person("Ada Lovelace", email: "ada@example.com", jobTitle: "Engineer"))).Id();

        var html = await _browser.GetPageAsync($"admin/contacts/{ada}/edit");
        Assert.Contains("<label class=\"form-label\" for=\"f-TitlePart-Title\">Name</label>", html);
        Assert.Contains("data-picker-url=\"/api/contacts/lookup\"", html);
        Assert.Contains("name=\"ContactPart.IsCustomer\"", html);
        Assert.Contains("name=\"Person.Nickname\"", html);
        Assert.Equal("Engineer", BrowserSession.InputValue(html, "PersonPart.JobTitle"));
        Assert.Contains($"<form method=\"post\" action=\"/admin/content/Person/{ada}?handler=delete\"", html);

        using var saved = await _browser.PostFormAsync($"admin/contacts/{ada}/edit",
            [.. Form(html, ("PersonPart.Company", acme), ("ContactPart.City", "London"), ("Person.Nickname", "Countess")), new("ContactPart.IsCustomer", "true")]);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        Assert.Equal($"/admin/contacts/{ada}", saved.Headers.Location!.OriginalString);
        var after = JsonNode.Parse((await (await Admin.GetAsync($"api/contacts/{ada}")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.Equal(acme, after["PersonPart"]!["Company"]!["ContentItemIds"]![0]!.GetValue<string>());
        Assert.Equal("London", after["ContactPart"]!["City"]!["Text"]!.GetValue<string>());
        Assert.True(after["ContactPart"]!["IsCustomer"]!["Value"]!.GetValue<bool>());
        Assert.Equal("Countess", after["Person"]!["Nickname"]!["Text"]!.GetValue<string>());
        Assert.Contains("data-picker-text=\"Acme Corp\"", await _browser.GetPageAsync($"admin/contacts/{ada}/edit"));

        var company = await _browser.GetPageAsync($"admin/contacts/{acme}");
        Assert.Contains($"href=\"/admin/contacts/new/Person?company={acme}\"", company);
        var newPerson = await _browser.GetPageAsync($"admin/contacts/new/Person?company={acme}");
        Assert.Equal(acme, BrowserSession.InputValue(newPerson, "PersonPart.Company"));
        Assert.Contains("data-picker-text=\"Acme Corp\"", newPerson);

        using var generic = await _browser.Client.GetAsync($"admin/content/Person/{ada}");
        Assert.Equal($"/admin/contacts/{ada}/edit", generic.Headers.Location!.OriginalString);
        using var create = await _browser.Client.GetAsync("admin/content/Company/create");
        Assert.Equal("/admin/contacts/new/Company", create.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_duplicate_and_an_empty_name_are_refused_at_their_field_with_a_link_and_a_stale_save_says_so_keeping_the_typed_text()
    {
        var acme = (await Admin.CreateContactAsync(Company("Acme Corp", "sales@acme.example"))).Id();
        var bolts = (await Admin.CreateContactAsync(Company("Bolts Ltd", "orders@bolts.example"))).Id();
        var html = await _browser.GetPageAsync($"admin/contacts/{bolts}/edit");

        using var duplicate = await _browser.PostFormAsync($"admin/contacts/{bolts}/edit", Form(html, ("ContactPart.Email", "SALES@acme.example"), ("ContactPart.City", "Leeds")));
        var duplicateHtml = await duplicate.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal($"A Company with the same Email exists: Acme Corp ('{acme}').", BrowserSession.FieldError(duplicateHtml, "f-ContactPart-Email"));
        Assert.Contains($"<p class=\"form-text mb-0\" data-error-link=\"ContactPart.Email\">Open <a href=\"/admin/contacts/{acme}\">Acme Corp</a></p>", duplicateHtml);
        Assert.Equal("Leeds", BrowserSession.InputValue(duplicateHtml, "ContactPart.City"));

        using var created = await _browser.PostFormAsync("admin/contacts/new/Company", [new("TitlePart.Title", "Acme Again"), new("ContactPart.Email", "sales@acme.example")]);
        var createdHtml = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal($"A Company with the same Email exists: Acme Corp ('{acme}').", BrowserSession.FieldError(createdHtml, "f-ContactPart-Email"));
        Assert.Contains($"Open <a href=\"/admin/contacts/{acme}\">Acme Corp</a>", createdHtml);
        Assert.Equal("Acme Again", BrowserSession.InputValue(createdHtml, "TitlePart.Title"));

        using var nameless = await _browser.PostFormAsync($"admin/contacts/{bolts}/edit", Form(html, ("TitlePart.Title", ""), ("ContactPart.City", "Leeds")));
        var namelessHtml = await nameless.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.Equal("A name is required: enter the company's name.", BrowserSession.FieldError(namelessHtml, "f-TitlePart-Title"));
        Assert.Equal("Leeds", BrowserSession.InputValue(namelessHtml, "ContactPart.City"));

        using (var first = await _browser.PostFormAsync($"admin/contacts/{bolts}/edit", Form(html, ("ContactPart.City", "Leeds"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }
        using var stale = await _browser.PostFormAsync($"admin/contacts/{bolts}/edit", Form(html, ("ContactPart.City", "York")));
        var staleHtml = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed by someone else since you opened it", staleHtml);
        Assert.Equal("York", BrowserSession.InputValue(staleHtml, "ContactPart.City"));
    }

    [Fact]
    public async Task A_user_who_may_only_view_contacts_cannot_open_or_post_the_editor()
    {
        var acme = (await Admin.CreateContactAsync(Company("Acme Corp"))).Id();
        var viewer = await BrowserSession.SignInNewUserAsync(Host, Admin, "viewer", "ViewContacts");

        using var get = await viewer.Client.GetAsync($"admin/contacts/{acme}/edit");
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        using var post = await viewer.PostFormAsync($"admin/contacts/{acme}/edit", [new("TitlePart.Title", "Mine now")], "admin");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }
}

public sealed class SqliteContactEditorHttpTests() : ContactEditorHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContactEditorHttpTests() : ContactEditorHttpTests(DatabaseProvider.Postgres);
