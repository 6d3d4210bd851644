using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Names refuse control characters (an ESC that recolours a terminal, a NUL, a bell, C1 characters) with a 400 naming the
/// field, through the one shared check; text that legitimately spans lines (a description, a hint) keeps its line breaks.
/// </summary>
public abstract class ControlCharactersInNamesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string Escape = "Acme\u001b[31m Ltd";

    [Fact]
    public async Task A_users_display_name_with_a_control_character_is_refused_naming_it()
    {
        var created = await (await Admin.PostAsJsonAsync("api/users", new { userName = "mia", email = "mia@example.com", displayName = "Mia\u0000", password = "Secret-pass-1", roles = Array.Empty<string>() }))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "displayName");
        Assert.Contains("U+0000", created.Error("displayName"));

        var id = (await Admin.CreateUserAsync("mia", "Staff")).GetProperty("id").GetInt64();
        // A C1 control is text no field holds: the host refuses it before the service runs, in the same words.
        var atTheEdge = await (await Admin.PutAsJsonAsync($"api/users/{id}", new { email = "mia@example.com", displayName = "Mia\u0085Wong", enabled = true, roles = new[] { "Staff" } }))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "displayName");
        Assert.Equal("displayName must not contain control characters other than line breaks and tabs (U+0085 at position 4).", atTheEdge.Error("displayName"));
        // A tab is text, but no name holds one: the service refuses it.
        var updated = await (await Admin.PutAsJsonAsync($"api/users/{id}", new { email = "mia@example.com", displayName = "Mia\tWong", enabled = true, roles = new[] { "Staff" } }))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "displayName");
        Assert.Equal("A display name must not contain control characters (U+0009 at position 4).", updated.Error("displayName"));
    }

    [Fact]
    public async Task A_role_name_with_a_control_character_is_refused_naming_it()
    {
        await (await Admin.PostAsJsonAsync("api/roles", new { name = "Sales\u0007", description = "", permissions = Array.Empty<string>() }))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task Content_type_part_and_field_display_names_refuse_control_characters_and_descriptions_keep_line_breaks()
    {
        var type = new JsonObject { ["Name"] = "Note", ["DisplayName"] = "No\u0007te" };
        await (await Admin.PostAsync("api/content-types", ContentClient.Json(type))).AssertFieldsAsync(HttpStatusCode.BadRequest, "DisplayName");

        var part = JsonNode.Parse("""
            {"Name": "Probe", "Settings": {"ContentPartSettings": {"DisplayName": "Pro\u001bbe", "Description": "First line\nsecond line"}},
             "ContentPartFieldDefinitionRecords": [{"Name": "Email", "FieldName": "TextField",
               "Settings": {"ContentPartFieldSettings": {"DisplayName": "E\u0000mail", "Hint": "Work address,\r\nnot a private one"}}}]}
            """)!;
        await (await Admin.PostAsync("api/content-parts", ContentClient.Json(part)))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "Settings.ContentPartSettings.DisplayName", "ContentPartFieldDefinitionRecords[0].Settings.ContentPartFieldSettings.DisplayName");

        part["Settings"]!["ContentPartSettings"]!["DisplayName"] = "Probe";
        part["ContentPartFieldDefinitionRecords"]![0]!["Settings"]!["ContentPartFieldSettings"]!["DisplayName"] = "Email";
        var stored = await (await Admin.PostAsync("api/content-parts", ContentClient.Json(part))).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Contains("First line\nsecond line", stored.GetRawText().Replace("\\n", "\n"));
    }

    [Fact]
    public async Task A_contacts_name_with_a_control_character_is_refused_naming_the_title_and_nothing_is_stored()
    {
        await Admin.EnableFeaturesAsync(ContactsClient.Feature);

        await (await Admin.PostAsync("api/contacts", ContentClient.Json(ContactsClient.Company(Escape)))).AssertFieldsAsync(HttpStatusCode.BadRequest, "TitlePart.Title");
        var withDisplayText = ContactsClient.Company("Acme");
        withDisplayText.Remove("TitlePart");
        withDisplayText["DisplayText"] = Escape;
        await (await Admin.PostAsync("api/contacts", ContentClient.Json(withDisplayText))).AssertFieldsAsync(HttpStatusCode.BadRequest, "DisplayText");

        Assert.Equal(0, (await (await Admin.GetAsync("api/contacts")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_site_name_set_by_a_recipe_refuses_control_characters_naming_the_setting()
    {
        static JsonObject Renaming(string siteName) =>
            new() { ["name"] = "rename", ["steps"] = new JsonArray(new JsonObject { ["name"] = "settings", ["SiteName"] = siteName }) };

        var escape = await (await Admin.RunRecipeAsync(Renaming(Escape))).AssertFieldsAsync(HttpStatusCode.BadRequest, "recipe.steps[0].SiteName");
        var tab = await (await Admin.RunRecipeAsync(Renaming("Acme\tLtd"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "steps[0].SiteName");

        Assert.Contains("U+001B", escape.Error("recipe.steps[0].SiteName"));
        Assert.Contains("SiteName must not contain control characters (U+0009 at position 5)", tab.Error("steps[0].SiteName"));
    }
}

public sealed class SqliteControlCharactersInNamesHttpTests() : ControlCharactersInNamesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresControlCharactersInNamesHttpTests() : ControlCharactersInNamesHttpTests(DatabaseProvider.Postgres);
