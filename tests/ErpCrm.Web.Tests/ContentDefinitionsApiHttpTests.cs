using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>Content type and part definitions over /api/content-types, /api/content-parts and /api/content-definitions/import.</summary>
public abstract class ContentDefinitionsApiHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    /// <summary>The keys the normaliser moves into the nested settings objects; every other setting must come back unchanged.</summary>
    private static readonly string[] TypeKeys = ["Creatable", "Listable", "Draftable", "Versionable", "Securable", "Stereotype", "ContentTypeSettings"];
    private static readonly string[] TypePartKeys = ["Position", "DisplayName", "Description", "ContentTypePartSettings"];
    private static readonly string[] PartKeys = ["Attachable", "Reusable", "DisplayName", "Description", "DefaultPosition", "ContentPartSettings"];
    private static readonly string[] FieldKeys = ["DisplayName", "Position", "Hint", "Required", "ContentPartFieldSettings"];

    [Theory]
    [InlineData("blog")]
    [InlineData("agency")]
    [InlineData("comingsoon")]
    public async Task A_recipes_content_definition_step_imports_and_reads_back_with_every_type_part_field_and_setting(string recipe)
    {
        var step = OrchardRecipes.ContentDefinitionStep(recipe);
        var types = step["ContentTypes"]!.AsArray();
        var parts = step["ContentParts"]!.AsArray();

        var counts = await (await Admin.PostAsync("api/content-definitions/import", Json(step))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(types.Count, counts.GetProperty("contentTypes").GetInt32());
        Assert.Equal(parts.Count, counts.GetProperty("contentParts").GetInt32());
        Assert.Equal(types.Select(t => Name(t!)).Order(StringComparer.Ordinal), (await GetNodeAsync("api/content-types")).AsArray().Select(t => Name(t!)));
        Assert.Equal(parts.Select(p => Name(p!)).Order(StringComparer.Ordinal), (await GetNodeAsync("api/content-parts")).AsArray().Select(p => Name(p!)));
        foreach (var type in types)
        {
            var stored = await GetNodeAsync($"api/content-types/{Name(type!)}");
            Assert.Equal(type!["DisplayName"]!.GetValue<string>(), stored["DisplayName"]!.GetValue<string>());
            AssertKeptUnchanged(type["Settings"], stored["Settings"], TypeKeys);
            var given = type["ContentTypePartDefinitionRecords"]!.AsArray();
            var got = stored["ContentTypePartDefinitionRecords"]!.AsArray();
            Assert.Equal(given.Select(p => (p!["PartName"]!.GetValue<string>(), Name(p))), got.Select(p => (p!["PartName"]!.GetValue<string>(), Name(p))));
            foreach (var (input, output) in given.Zip(got))
            {
                AssertKeptUnchanged(input!["Settings"], output!["Settings"], TypePartKeys);
                AssertNormalised(input["Settings"], output["Settings"], "ContentTypePartSettings", TypePartKeys);
            }
            AssertNormalised(type["Settings"], stored["Settings"], "ContentTypeSettings", TypeKeys);
        }
        foreach (var part in parts)
        {
            var stored = await GetNodeAsync($"api/content-parts/{Name(part!)}");
            AssertKeptUnchanged(part!["Settings"], stored["Settings"], PartKeys);
            AssertNormalised(part["Settings"], stored["Settings"], "ContentPartSettings", PartKeys);
            var given = part["ContentPartFieldDefinitionRecords"]!.AsArray();
            var got = stored["ContentPartFieldDefinitionRecords"]!.AsArray();
            Assert.Equal(given.Select(f => (f!["FieldName"]!.GetValue<string>(), Name(f))), got.Select(f => (f!["FieldName"]!.GetValue<string>(), Name(f))));
            foreach (var (input, output) in given.Zip(got))
            {
                AssertKeptUnchanged(input!["Settings"], output!["Settings"], FieldKeys);
                AssertNormalised(input["Settings"], output["Settings"], "ContentPartFieldSettings", FieldKeys);
            }
        }
    }

    [Fact]
    public async Task The_blogs_flat_settings_come_back_nested_with_booleans_and_numbers_and_its_other_settings_unchanged()
    {
        await (await Admin.PostAsync("api/content-definitions/import", Json(OrchardRecipes.ContentDefinitionStep("blog")))).ReadJsonAsync(HttpStatusCode.OK);

        var article = await GetNodeAsync("api/content-types/Article");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Creatable":true,"Draftable":true,"Versionable":true,"Listable":true,"Securable":false}"""),
            article["Settings"]!["ContentTypeSettings"]), article["Settings"]!.ToJsonString());
        var autoroute = article["ContentTypePartDefinitionRecords"]!.AsArray().Single(p => Name(p!) == "AutoroutePart")!["Settings"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Position":"1"}"""), autoroute["ContentTypePartSettings"]), autoroute.ToJsonString());
        Assert.Equal("{{ ContentItem | display_text | slugify }}", autoroute["Pattern"]!.GetValue<string>());
        Assert.Equal("True", autoroute["AllowCustomPath"]!.GetValue<string>()); // AutoroutePart's own setting: not ours to retype
        Assert.False(autoroute["ContentIndexSettings"]!["Included"]!.GetValue<bool>());
        Assert.Null(autoroute["Position"]);
        var subtitle = (await GetNodeAsync("api/content-parts/BlogPost"))["ContentPartFieldDefinitionRecords"]![0]!["Settings"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"ContentPartFieldSettings":{"DisplayName":"Subtitle"}}"""), subtitle), subtitle.ToJsonString());
    }

    [Fact]
    public async Task Part_types_this_host_does_not_know_are_kept_as_plain_parts()
    {
        await (await Admin.PostAsync("api/content-definitions/import", Json(OrchardRecipes.ContentDefinitionStep("comingsoon")))).ReadJsonAsync(HttpStatusCode.OK);

        var parts = (await GetNodeAsync("api/content-types/ComingSoon"))["ContentTypePartDefinitionRecords"]!.AsArray();

        var bag = parts.Single(p => Name(p!) == "SocialIcons")!;
        Assert.Equal("BagPart", bag["PartName"]!.GetValue<string>());
        Assert.Equal(["SocialIcon"], bag["Settings"]!["BagPartSettings"]!["ContainedContentTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("Social Icons", bag["Settings"]!["ContentTypePartSettings"]!["DisplayName"]!.GetValue<string>());
        Assert.Equal("6", bag["Settings"]!["ContentTypePartSettings"]!["Position"]!.GetValue<string>());
        Assert.Contains(parts, p => p!["PartName"]!.GetValue<string>() == "FlowPart");
    }

    [Fact]
    public async Task The_older_and_the_newer_settings_styles_of_the_same_type_read_back_equal()
    {
        await (await Admin.PostAsync("api/content-types", Json("""
            {"Name": "Flat", "DisplayName": "Lead", "Settings": {"Creatable": "True", "Listable": "false", "Stereotype": null, "Custom": "x"},
             "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart", "Settings": {"Position": "3", "DisplayName": "Title"}}]}
            """))).ReadJsonAsync(HttpStatusCode.Created);
        await (await Admin.PostAsync("api/content-types", Json("""
            {"Name": "Nested", "DisplayName": "Lead", "Settings": {"Custom": "x", "ContentTypeSettings": {"Listable": false, "Creatable": true}},
             "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart", "Settings": {"ContentTypePartSettings": {"DisplayName": "Title", "Position": 3}}}]}
            """))).ReadJsonAsync(HttpStatusCode.Created);

        var flat = await GetNodeAsync("api/content-types/Flat");
        var nested = await GetNodeAsync("api/content-types/Nested");

        flat["Name"] = "Nested";
        Assert.True(JsonNode.DeepEquals(nested, flat), $"{nested.ToJsonString()} <> {flat.ToJsonString()}");
    }

    [Fact]
    public async Task The_older_and_the_newer_settings_styles_of_the_same_part_and_field_read_back_equal()
    {
        await (await Admin.PostAsync("api/content-parts", Json("""
            {"Name": "FlatAddress", "Settings": {"Attachable": "True", "Description": "Where"},
             "ContentPartFieldDefinitionRecords": [{"FieldName": "TextField", "Name": "City", "Settings": {"DisplayName": "City", "Position": "1", "Required": "True"}}]}
            """))).ReadJsonAsync(HttpStatusCode.Created);
        await (await Admin.PostAsync("api/content-parts", Json("""
            {"Name": "NestedAddress", "Settings": {"ContentPartSettings": {"Attachable": true, "Description": "Where"}},
             "ContentPartFieldDefinitionRecords": [{"FieldName": "TextField", "Name": "City",
               "Settings": {"ContentPartFieldSettings": {"DisplayName": "City", "Position": 1, "Required": true}}}]}
            """))).ReadJsonAsync(HttpStatusCode.Created);

        var flat = await GetNodeAsync("api/content-parts/FlatAddress");
        var nested = await GetNodeAsync("api/content-parts/NestedAddress");

        flat["Name"] = "NestedAddress";
        Assert.True(JsonNode.DeepEquals(nested, flat), $"{nested.ToJsonString()} <> {flat.ToJsonString()}");
    }

    [Fact]
    public async Task Creating_a_type_answers_201_with_its_location_and_etag_and_a_second_of_that_name_answers_409()
    {
        var response = await Admin.PostAsync("api/content-types", Json(Lead()));

        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("/api/content-types/Lead", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("Lead", created.Text("Name"));
        using var get = await Admin.GetAsync("api/content-types/lead");
        Assert.Equal(created.ToString(), (await get.ReadJsonAsync(HttpStatusCode.OK)).ToString());
        Assert.Equal("\"1\"", get.Headers.ETag?.Tag);

        var problem = await (await Admin.PostAsync("api/content-types", Json(Lead("LEAD")))).AssertFieldsAsync(HttpStatusCode.Conflict, "Name");
        Assert.Contains("'Lead'", problem.Text("detail"));
    }

    [Fact]
    public async Task Updating_with_the_current_etag_answers_the_next_one_and_a_stale_etag_answers_409_changing_nothing()
    {
        await (await Admin.PostAsync("api/content-types", Json(Lead()))).ReadJsonAsync(HttpStatusCode.Created);

        using var updated = await Admin.SendAsync(Put("api/content-types/Lead", Lead(displayName: "Prospect"), "\"1\""));
        Assert.Equal("Prospect", (await updated.ReadJsonAsync(HttpStatusCode.OK)).Text("DisplayName"));
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);

        await (await Admin.SendAsync(Put("api/content-types/Lead", Lead(displayName: "Stale"), "\"1\""))).AssertProblemAsync(HttpStatusCode.Conflict);
        using var get = await Admin.GetAsync("api/content-types/Lead");
        Assert.Equal("Prospect", (await get.ReadJsonAsync(HttpStatusCode.OK)).Text("DisplayName"));
        Assert.Equal("\"2\"", get.Headers.ETag?.Tag);

        using var withoutIfMatch = await Admin.SendAsync(Put("api/content-types/Lead", Lead(displayName: "Any"), null));
        Assert.Equal("\"3\"", withoutIfMatch.Headers.ETag?.Tag);
        await (await Admin.SendAsync(Put("api/content-types/Lead", Lead(), "three"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "If-Match");
    }

    [Fact]
    public async Task A_part_is_updated_with_if_match_like_a_type()
    {
        await (await Admin.PostAsync("api/content-parts", Json(Contact()))).ReadJsonAsync(HttpStatusCode.Created);

        using var updated = await Admin.SendAsync(Put("api/content-parts/Contact", Contact("Phone"), "\"1\""));

        var fields = (await updated.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("ContentPartFieldDefinitionRecords");
        Assert.Equal(["Email", "Phone"], fields.EnumerateArray().Select(f => f.Text("Name")));
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);
        await (await Admin.SendAsync(Put("api/content-parts/Contact", Contact(), "\"1\""))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await Admin.PostAsync("api/content-parts", Json(Contact()))).AssertFieldsAsync(HttpStatusCode.Conflict, "Name");
    }

    [Fact]
    public async Task Unknown_definitions_answer_404()
    {
        await (await Admin.GetAsync("api/content-types/Nothing")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.SendAsync(Put("api/content-types/Nothing", Lead("Nothing"), null))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.DeleteAsync("api/content-types/Nothing")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync("api/content-parts/Nothing")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.SendAsync(Put("api/content-parts/Nothing", PartWithFields("Nothing"), null))).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1Lead")]
    [InlineData("Sales lead")]
    [InlineData("Sales-lead")]
    [InlineData("_Lead")]
    [InlineData("129")]
    public async Task A_bad_name_answers_400_naming_it(string name)
    {
        name = name == "129" ? "L" + new string('x', 128) : name;

        await (await Admin.PostAsync("api/content-types", Json(Lead(name)))).AssertFieldsAsync(HttpStatusCode.BadRequest, "Name");
        await (await Admin.PostAsync("api/content-parts", Json(PartWithFields(name)))).AssertFieldsAsync(HttpStatusCode.BadRequest, "Name");
    }

    [Fact]
    public async Task Every_bad_field_of_a_definition_is_named_with_its_path()
    {
        var problem = await (await Admin.PostAsync("api/content-types", Json("""
            {"Name": "Lead", "Settings": [], "ContentTypePartDefinitionRecords": [
              {"PartName": "TitlePart", "Name": "Title"}, {"PartName": "Bad part", "Name": "Other"}, {"PartName": "TextPart", "Name": "title"}, 3]}
            """))).AssertFieldsAsync(HttpStatusCode.BadRequest, "Settings", "ContentTypePartDefinitionRecords[1].PartName",
            "ContentTypePartDefinitionRecords[2].Name", "ContentTypePartDefinitionRecords[3].Name");

        Assert.Contains("twice", problem.Error("ContentTypePartDefinitionRecords[2].Name"));
        await (await Admin.PostAsync("api/content-parts", Json("""{"Name": "Contact", "ContentPartFieldDefinitionRecords": [{"Name": "Email"}]}""")))
            .AssertFieldsAsync(HttpStatusCode.BadRequest, "ContentPartFieldDefinitionRecords[0].FieldName");
        await (await Admin.PostAsync("api/content-types", null)).AssertFieldsAsync(HttpStatusCode.BadRequest, "Name");
    }

    [Fact]
    public async Task A_part_may_be_attached_twice_under_different_names()
    {
        var created = await (await Admin.PostAsync("api/content-types", Json("""
            {"Name": "Lead", "ContentTypePartDefinitionRecords": [{"PartName": "Address", "Name": "Billing"}, {"PartName": "Address", "Name": "Shipping"}]}
            """))).ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(["Billing", "Shipping"], created.GetProperty("ContentTypePartDefinitionRecords").EnumerateArray().Select(p => p.Text("Name")));
        Assert.Equal("Lead", created.Text("DisplayName"));
    }

    [Fact]
    public async Task Renaming_through_put_is_refused_naming_the_name()
    {
        await (await Admin.PostAsync("api/content-types", Json(Lead()))).ReadJsonAsync(HttpStatusCode.Created);

        await (await Admin.SendAsync(Put("api/content-types/Lead", Lead("Prospect"), null))).AssertFieldsAsync(HttpStatusCode.BadRequest, "Name");
    }

    [Fact]
    public async Task A_part_a_type_uses_is_not_deleted_and_the_refusal_names_the_types()
    {
        await (await Admin.PostAsync("api/content-parts", Json(Contact()))).ReadJsonAsync(HttpStatusCode.Created);
        await (await Admin.PostAsync("api/content-types", Json(Lead(part: "Contact")))).ReadJsonAsync(HttpStatusCode.Created);
        await (await Admin.PostAsync("api/content-types", Json(Lead("Supplier", part: "Contact")))).ReadJsonAsync(HttpStatusCode.Created);

        var problem = await (await Admin.DeleteAsync("api/content-parts/Contact")).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("'Lead', 'Supplier'", problem.Text("detail"));
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync("api/content-types/Lead")).StatusCode);
        await (await Admin.SendAsync(Put("api/content-types/Supplier", Lead("Supplier"), null))).ReadJsonAsync(HttpStatusCode.OK); // TitlePart instead of Contact
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync("api/content-parts/Contact")).StatusCode);
        await (await Admin.GetAsync("api/content-parts/Contact")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync("api/content-types/Lead")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_import_with_any_bad_definition_saves_nothing_and_names_every_bad_field()
    {
        var problem = await (await Admin.PostAsync("api/content-definitions/import", Json($$"""
            {"ContentTypes": [{{Lead()}}, {"Name": "Bad name"}, {{Lead("LEAD")}}], "ContentParts": [{{Contact()}}, {"Name": "Part", "Settings": 1}]}
            """))).AssertFieldsAsync(HttpStatusCode.BadRequest, "ContentTypes[1].Name", "ContentTypes[2].Name", "ContentParts[1].Settings");

        Assert.Contains("twice", problem.Error("ContentTypes[2].Name"));
        await (await Admin.GetAsync("api/content-types/Lead")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync("api/content-parts/Contact")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Importing_again_replaces_the_definitions_and_moves_their_etags_on()
    {
        var step = Json($$"""{"ContentTypes": [{{Lead()}}], "ContentParts": [{{Contact()}}]}""");
        await (await Admin.PostAsync("api/content-definitions/import", step)).ReadJsonAsync(HttpStatusCode.OK);

        var counts = await (await Admin.PostAsync("api/content-definitions/import", Json($$"""{"ContentTypes": [{{Lead(displayName: "Prospect")}}]}""")))
            .ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(1, counts.GetProperty("contentTypes").GetInt32());
        Assert.Equal(0, counts.GetProperty("contentParts").GetInt32());
        using var get = await Admin.GetAsync("api/content-types/Lead");
        Assert.Equal("Prospect", (await get.ReadJsonAsync(HttpStatusCode.OK)).Text("DisplayName"));
        Assert.Equal("\"2\"", get.Headers.ETag?.Tag);
    }

    private static string Lead(string name = "Lead", string displayName = "Lead", string part = "TitlePart") =>
        new JsonObject
        {
            ["Name"] = name,
            ["DisplayName"] = displayName,
            ["Settings"] = new JsonObject { ["ContentTypeSettings"] = new JsonObject { ["Creatable"] = true, ["Listable"] = true } },
            ["ContentTypePartDefinitionRecords"] = new JsonArray(new JsonObject
            {
                ["PartName"] = part,
                ["Name"] = part,
                ["Settings"] = new JsonObject { ["ContentTypePartSettings"] = new JsonObject { ["Position"] = 0 } },
            }),
        }.ToJsonString();

    private static string Contact(params string[] extraFields) => PartWithFields("Contact", extraFields);

    private static string PartWithFields(string name, params string[] extraFields) =>
        new JsonObject
        {
            ["Name"] = name,
            ["Settings"] = new JsonObject(),
            ["ContentPartFieldDefinitionRecords"] = new JsonArray([.. new[] { "Email" }.Concat(extraFields).Select(f => (JsonNode)new JsonObject
            {
                ["FieldName"] = "TextField",
                ["Name"] = f,
                ["Settings"] = new JsonObject { ["ContentPartFieldSettings"] = new JsonObject { ["DisplayName"] = f } },
            })]),
        }.ToJsonString();

    private static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Put(string path, string body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return request;
    }

    private async Task<JsonNode> GetNodeAsync(string path)
    {
        using var response = await Admin.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static string Name(JsonNode record) => record["Name"]!.GetValue<string>();

    /// <summary>Every setting the normaliser does not own comes back exactly as given.</summary>
    private static void AssertKeptUnchanged(JsonNode? input, JsonNode? output, string[] ownedKeys)
    {
        foreach (var (key, value) in input?.AsObject() ?? [])
        {
            if (!ownedKeys.Contains(key))
            {
                Assert.True(JsonNode.DeepEquals(value, output![key]), $"{key}: {value?.ToJsonString()} came back as {output[key]?.ToJsonString()}");
            }
        }
    }

    /// <summary>Every owned setting given (flat or nested, not null) is in the nested object, with the JSON type Orchard Core declares: booleans, and positions as text.</summary>
    private static void AssertNormalised(JsonNode? input, JsonNode? output, string nestedName, string[] ownedKeys)
    {
        var given = (input?.AsObject() ?? []).Where(p => ownedKeys.Contains(p.Key) && p.Key != nestedName)
            .Concat(input?[nestedName]?.AsObject() ?? []).Where(p => p.Value is not null).ToList();
        foreach (var (key, value) in given)
        {
            var stored = output![nestedName]?[key];
            Assert.True(stored is not null, $"{key} is missing from {nestedName}: {output.ToJsonString()}");
            if (key is "Position" or "DefaultPosition")
            {
                // Orchard Core declares them as strings: the number comes back as text, so that an export imports there again.
                Assert.Equal(int.Parse(value!.ToString(), System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(stored!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (key is "Creatable" or "Listable" or "Draftable" or "Versionable" or "Securable" or "Required" or "Attachable" or "Reusable")
            {
                Assert.Equal(bool.Parse(value!.ToString()), stored!.GetValue<bool>());
            }
            else
            {
                Assert.True(JsonNode.DeepEquals(value, stored), $"{key}: {value!.ToJsonString()} came back as {stored!.ToJsonString()}");
            }
        }
        Assert.Null(ownedKeys.Where(k => k != nestedName).FirstOrDefault(k => output?[k] is not null));
    }
}

public sealed class SqliteContentDefinitionsApiHttpTests() : ContentDefinitionsApiHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContentDefinitionsApiHttpTests() : ContentDefinitionsApiHttpTests(DatabaseProvider.Postgres);
