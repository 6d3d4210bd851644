using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.ContactsClient;

namespace ErpCrm.Contacts.Tests;

/// <summary>
/// A contact's rules — a name, and no duplicate of an active contact's email, phone or tax id — refused the same way, with the
/// same message, on every path: /api/contacts, the admin's item editor, the CSV import and a recipe's content step.
/// </summary>
public abstract class ContactRulesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private BrowserSession _browser = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
        _browser = await SignInAdminAsync();
    }

    private async Task<IReadOnlyList<string?>> NamesAsync() =>
        JsonNode.Parse((await (await Admin.GetAsync("api/contacts?pageSize=100")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.Texts();

    /// <summary>Posts the item editor's form as a browser does: 400 with the form again, whose HTML it answers.</summary>
    private async Task<string> EditorRefusesAsync(string path, params (string Name, string Value)[] fields)
    {
        // The item editor sends companies and people to the contact editor; its form still answers a post, by the same rules.
        using var response = await _browser.PostFormAsync(path, [.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), new("_action", "save")], "admin/contacts");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {html}");
        return html;
    }


    private async Task<JsonNode> ImportAsync(string csv, string query = "")
    {
        using var response = await Admin.PostAsync($"api/contacts/import{query}", CsvBody(csv));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static string? RowError(JsonNode report, int row, string column) =>
        report["rows"]!.AsArray().Single(r => r!["row"]!.GetValue<int>() == row)!["errors"]![column]?.GetValue<string>();

    /// <summary>Runs a recipe with one content step holding <paramref name="item"/>; insists on 400 naming the path; the error.</summary>
    private async Task<string> RecipeRefusesAsync(JsonObject item, string path)
    {
        var recipe = new JsonObject { ["name"] = "contacts", ["steps"] = new JsonArray(new JsonObject { ["name"] = "content", ["data"] = new JsonArray(item) }) };
        var problem = await (await Admin.RunRecipeAsync(recipe)).AssertFieldsAsync(HttpStatusCode.BadRequest, $"steps[0].data[0].{path}");
        var error = problem.Error($"steps[0].data[0].{path}");
        Assert.StartsWith("Step 1 ('content')", error);
        return error;
    }

    [Fact]
    public async Task A_duplicate_is_refused_with_the_same_message_naming_the_contact_on_the_api_the_editor_the_csv_import_and_a_recipe()
    {
        var acme = (await Admin.CreateContactAsync(Company("Acme", "sales@acme.example", "+1 555 0100"))).Id();
        var bolts = (await Admin.CreateContactAsync(Company("Bolts Ltd", "orders@bolts.example"))).Id();
        var message = $"A Company with the same Email exists: Acme ('{acme}').";

        var api = await (await Admin.PostAsync("api/contacts", ContentClient.Json(Person("Someone", email: "SALES@acme.example")))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(message, api.Error("ContactPart.Email"));

        var created = await EditorRefusesAsync("admin/content/Person/create", ("TitlePart.Title", "Ann Other"), ("ContactPart.Email", "SALES@acme.example"));
        Assert.Equal(message, BrowserSession.FieldError(created, "f-ContactPart-Email"));
        Assert.Equal("SALES@acme.example", BrowserSession.InputValue(created, "ContactPart.Email"));
        Assert.Equal("Ann Other", BrowserSession.InputValue(created, "TitlePart.Title"));
        Assert.Contains($"Open <a href=\"/admin/contacts/{acme}\">Acme</a>", created);
        var edited = await EditorRefusesAsync($"admin/content/Company/{bolts}", ("_revision", "1"), ("TitlePart.Title", "Bolts Ltd"), ("ContactPart.Email", "orders@bolts.example"), ("ContactPart.Phone", "1-555-0100"));
        Assert.Equal($"A Company with the same Phone exists: Acme ('{acme}').", BrowserSession.FieldError(edited, "f-ContactPart-Phone"));
        Assert.Equal("1-555-0100", BrowserSession.InputValue(edited, "ContactPart.Phone"));

        // Skipping or updating the matched contact is the policy's answer to a new row; an update that takes another's key is an error.
        var csv = $"Id,Type,Name,Email\n{bolts},Company,Bolts Ltd,sales@acme.example\n";
        Assert.Equal(message, RowError(await ImportAsync(csv), 2, "Email"));
        Assert.Equal(message, RowError(await ImportAsync(csv, "?duplicates=update"), 2, "Email"));
        Assert.StartsWith(message, RowError(await ImportAsync("Type,Name,Email\nPerson,Sam,sales@acme.example\n", "?duplicates=update"), 2, "Email"));
        Assert.Equal("updated", (await ImportAsync(csv, "?duplicates=create&dryRun=true"))["rows"]![0]!["outcome"]!.GetValue<string>());

        Assert.Contains(message, await RecipeRefusesAsync(Company("Acme again", "sales@acme.example"), "ContactPart.Email"));

        Assert.Equal(["Acme", "Bolts Ltd"], await NamesAsync());
        var stored = (await (await Admin.GetAsync($"api/contacts/{bolts}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("ContactPart").GetRawText();
        Assert.Contains("orders@bolts.example", stored);
        Assert.DoesNotContain("555", stored);
    }

    [Fact]
    public async Task A_company_or_person_without_a_name_is_refused_the_same_way_on_the_api_the_editor_the_csv_import_and_a_recipe()
    {
        const string Company = "A name is required: enter the company's name.";
        const string Person = "A name is required: enter the person's name.";

        var api = await (await Admin.PostAsync("api/contacts", ContentClient.Json(ContactsClient.Company(" ", "nameless@example.com")))).AssertFieldsAsync(HttpStatusCode.BadRequest, "TitlePart.Title");
        Assert.Equal(Company, api.Error("TitlePart.Title"));

        var created = await EditorRefusesAsync("admin/content/Person/create", ("TitlePart.Title", ""), ("ContactPart.Email", "nameless@example.com"), ("ContactPart.City", "Lyon"));
        Assert.Equal(Person, BrowserSession.FieldError(created, "f-TitlePart-Title"));
        Assert.Equal("nameless@example.com", BrowserSession.InputValue(created, "ContactPart.Email"));
        Assert.Equal("Lyon", BrowserSession.InputValue(created, "ContactPart.City"));
        var acme = (await Admin.CreateContactAsync(ContactsClient.Company("Acme"))).Id();
        var cleared = await EditorRefusesAsync($"admin/content/Company/{acme}", ("_revision", "1"), ("TitlePart.Title", ""), ("ContactPart.City", "Paris"));
        Assert.Equal(Company, BrowserSession.FieldError(cleared, "f-TitlePart-Title"));

        Assert.Equal(Company, RowError(await ImportAsync("Type,Name,Email\nCompany,,nameless@example.com\n"), 2, "Name"));
        Assert.Equal(Company, RowError(await ImportAsync($"Id,Name\n{acme},\n"), 2, "Name"));

        Assert.Contains(Person, await RecipeRefusesAsync(ContactsClient.Person(""), "TitlePart.Title"));

        Assert.Equal(["Acme"], await NamesAsync());
    }
}

public sealed class SqliteContactRulesHttpTests() : ContactRulesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContactRulesHttpTests() : ContactRulesHttpTests(DatabaseProvider.Postgres);
