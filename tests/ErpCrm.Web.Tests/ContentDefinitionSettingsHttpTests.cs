using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// The common settings of types, attached parts, parts and fields given as the wrong JSON kind (a number where text is
/// declared, an object where a boolean is) are refused naming each setting's path, through PUT and POST alike, and nothing is
/// stored; the kinds Orchard Core's recipes write (text for booleans and numbers) still read.
/// </summary>
public abstract class ContentDefinitionSettingsHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task Type_settings_of_the_wrong_kind_are_refused_naming_their_paths_and_the_type_keeps_its_settings()
    {
        await (await Admin.PostAsync("api/content-types", ContentClient.Json(Type("""{"ContentTypeSettings": {"Creatable": true}}""", """{"ContentTypePartSettings": {"Position": 0}}""")))).ReadJsonAsync(HttpStatusCode.Created);

        var problem = await (await Admin.PutAsync("api/content-types/Note", ContentClient.Json(Type(
                """{"ContentTypeSettings": {"Creatable": {"a": 1}, "Listable": 5, "Draftable": [true], "Stereotype": {"x": 1}}}""",
                """{"ContentTypePartSettings": {"Position": {"a": 1}, "DisplayName": 7, "Description": false}}"""))))
            .AssertFieldsAsync(HttpStatusCode.BadRequest,
                "Settings.ContentTypeSettings.Creatable", "Settings.ContentTypeSettings.Listable", "Settings.ContentTypeSettings.Draftable",
                "Settings.ContentTypeSettings.Stereotype", "ContentTypePartDefinitionRecords[0].Settings.ContentTypePartSettings.Position",
                "ContentTypePartDefinitionRecords[0].Settings.ContentTypePartSettings.DisplayName",
                "ContentTypePartDefinitionRecords[0].Settings.ContentTypePartSettings.Description");

        Assert.Equal("Creatable must be true or false.", problem.Error("Settings.ContentTypeSettings.Creatable"));
        Assert.Equal("Stereotype must be text.", problem.Error("Settings.ContentTypeSettings.Stereotype"));
        Assert.StartsWith("Position must be a whole number", problem.Error("ContentTypePartDefinitionRecords[0].Settings.ContentTypePartSettings.Position"));
        var stored = JsonNode.Parse((await (await Admin.GetAsync("api/content-types/Note")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!;
        Assert.True(stored["Settings"]!["ContentTypeSettings"]!["Creatable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_settings_group_that_is_not_an_object_or_a_flat_setting_of_the_wrong_kind_is_refused()
    {
        await (await Admin.PostAsync("api/content-types", ContentClient.Json(Type("""{"ContentTypeSettings": 7}""", "{}"))))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "Settings.ContentTypeSettings");
        await (await Admin.PostAsync("api/content-types", ContentClient.Json(Type("""{"Creatable": "maybe"}""", """{"Position": "first"}"""))))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "Settings.ContentTypeSettings.Creatable", "ContentTypePartDefinitionRecords[0].Settings.ContentTypePartSettings.Position");
        await (await Admin.GetAsync("api/content-types/Note")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Part_and_field_settings_of_the_wrong_kind_are_refused_naming_their_paths_whatever_the_fields_type()
    {
        var problem = await (await Admin.PostAsync("api/content-parts", ContentClient.Json("""
            {"Name": "Probe", "Settings": {"ContentPartSettings": {"Attachable": {"a": 1}, "Reusable": 3, "DisplayName": 5, "DefaultPosition": "x"}},
             "ContentPartFieldDefinitionRecords": [
               {"Name": "Known", "FieldName": "TextField", "Settings": {"ContentPartFieldSettings": {"Position": "abc"}, "ContentIndexSettings": {"Queryable": "yes"}}},
               {"Name": "Unknown", "FieldName": "SomeModulesField", "Settings": {"ContentPartFieldSettings": {"DisplayName": 7, "Required": {}}}}]}
            """))).AssertFieldsAsync(HttpStatusCode.BadRequest,
            "Settings.ContentPartSettings.Attachable", "Settings.ContentPartSettings.Reusable", "Settings.ContentPartSettings.DisplayName",
            "Settings.ContentPartSettings.DefaultPosition",
            "ContentPartFieldDefinitionRecords[0].Settings.ContentPartFieldSettings.Position",
            "ContentPartFieldDefinitionRecords[0].Settings.ContentIndexSettings.Queryable",
            "ContentPartFieldDefinitionRecords[1].Settings.ContentPartFieldSettings.DisplayName",
            "ContentPartFieldDefinitionRecords[1].Settings.ContentPartFieldSettings.Required");

        Assert.Equal("DisplayName must be text.", problem.Error("ContentPartFieldDefinitionRecords[1].Settings.ContentPartFieldSettings.DisplayName"));
        await (await Admin.GetAsync("api/content-parts/Probe")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Settings_as_Orchard_Core_recipes_write_them_in_text_still_read()
    {
        var created = await (await Admin.PostAsync("api/content-types", ContentClient.Json(Type(
            """{"Creatable": "True", "Listable": "false", "Stereotype": "Widget"}""", """{"Position": "3", "DisplayName": "Heading"}""")))).ReadJsonAsync(HttpStatusCode.Created);

        var settings = JsonNode.Parse(created.GetRawText())!["Settings"]!["ContentTypeSettings"]!;
        Assert.True(settings["Creatable"]!.GetValue<bool>());
        Assert.Equal("Widget", settings["Stereotype"]!.GetValue<string>());
    }

    private static string Type(string settings, string partSettings) => $$"""
        {"Name": "Note", "DisplayName": "Note", "Settings": {{settings}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart", "Settings": {{partSettings}}}]}
        """;
}

public sealed class SqliteContentDefinitionSettingsHttpTests() : ContentDefinitionSettingsHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContentDefinitionSettingsHttpTests() : ContentDefinitionSettingsHttpTests(DatabaseProvider.Postgres);
