using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// A real Orchard Core recipe's definitions, imported and exported again, keep every setting's JSON type: what Orchard Core
/// declares as text (<c>"Position": "2"</c>) stays text, so that the export imports into Orchard Core again. The one change
/// is the older flat style's booleans written as text (<c>"Creatable": "True"</c>), which come back as the booleans Orchard
/// Core declares them to be.
/// </summary>
public abstract class OrchardRecipeExportTypesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    /// <summary>Each common settings object and the keys the older flat style writes directly in <c>Settings</c>.</summary>
    private static readonly (string Name, string[] Keys) TypeShape = ("ContentTypeSettings", ["Creatable", "Listable", "Draftable", "Versionable", "Securable", "Stereotype"]);
    private static readonly (string Name, string[] Keys) TypePartShape = ("ContentTypePartSettings", ["Position", "DisplayName", "Description"]);
    private static readonly (string Name, string[] Keys) PartShape = ("ContentPartSettings", ["Attachable", "Reusable", "DisplayName", "Description", "DefaultPosition"]);
    private static readonly (string Name, string[] Keys) FieldShape = ("ContentPartFieldSettings", ["DisplayName", "Position", "Hint", "Required"]);

    /// <summary>The settings Orchard Core declares as booleans (the flat style writes them as "True"/"False").</summary>
    private static readonly string[] Booleans = ["Creatable", "Listable", "Draftable", "Versionable", "Securable", "Attachable", "Reusable", "Required"];

    [Theory]
    [InlineData("agency")]
    [InlineData("blog")]
    [InlineData("comingsoon")]
    public async Task Every_setting_of_an_imported_recipe_exports_with_the_json_type_it_was_given(string recipe)
    {
        var step = OrchardRecipes.ContentDefinitionStep(recipe);
        await (await Admin.PostAsync("api/content-definitions/import", ContentClient.Json(step))).ReadJsonAsync(HttpStatusCode.OK);

        var export = JsonNode.Parse(await (await Admin.GetAsync("api/recipes/export?features=false&roles=false&settings=false")).Content.ReadAsStringAsync())!;
        var exported = export["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "ContentDefinition")!;

        var problems = new List<string>();
        var compared = 0;
        foreach (var type in step["ContentTypes"]!.AsArray())
        {
            var name = type!["Name"]!.GetValue<string>();
            var other = ByName(exported["ContentTypes"]!, name);
            compared += Compare($"type {name}", type["Settings"], other["Settings"], TypeShape, problems);
            foreach (var part in type["ContentTypePartDefinitionRecords"]?.AsArray() ?? [])
            {
                var partName = part!["Name"]!.GetValue<string>();
                compared += Compare($"type {name}, part {partName}", part["Settings"], ByName(other["ContentTypePartDefinitionRecords"]!, partName)["Settings"], TypePartShape, problems);
            }
        }
        foreach (var part in step["ContentParts"]!.AsArray())
        {
            var name = part!["Name"]!.GetValue<string>();
            var other = ByName(exported["ContentParts"]!, name);
            compared += Compare($"part {name}", part["Settings"], other["Settings"], PartShape, problems);
            foreach (var field in part["ContentPartFieldDefinitionRecords"]?.AsArray() ?? [])
            {
                var fieldName = field!["Name"]!.GetValue<string>();
                compared += Compare($"part {name}, field {fieldName}", field["Settings"], ByName(other["ContentPartFieldDefinitionRecords"]!, fieldName)["Settings"], FieldShape, problems);
            }
        }

        Assert.True(compared > 20, $"only {compared} settings compared");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static JsonNode ByName(JsonNode list, string name) =>
        list.AsArray().Single(d => d!["Name"]!.GetValue<string>() == name)!;

    /// <summary>Compares the JSON type of each setting given (null ones mean "not set") with the exported one; how many were compared.</summary>
    private static int Compare(string where, JsonNode? source, JsonNode? exported, (string Name, string[] Keys) shape, List<string> problems)
    {
        var given = new Dictionary<string, JsonNode>();
        foreach (var (key, value) in source as JsonObject ?? [])
        {
            if (shape.Keys.Contains(key))
            {
                // The older flat style: the common setting lives in its settings object now (the nested one wins).
                given.TryAdd($"{shape.Name}.{key}", value!);
            }
            else
            {
                Leaves(key, value, given);
            }
        }
        var found = new Dictionary<string, JsonNode>();
        foreach (var (key, value) in exported as JsonObject ?? [])
        {
            Leaves(key, value, found);
        }
        var compared = 0;
        foreach (var (path, value) in given.Where(g => g.Value is not null))
        {
            var expected = Kind(value);
            if (expected == "string" && Booleans.Contains(path.Split('.')[^1]) && bool.TryParse(value.GetValue<string>(), out _) && path.StartsWith(shape.Name + ".", StringComparison.Ordinal))
            {
                expected = "boolean";
            }
            var actual = found.TryGetValue(path, out var read) ? Kind(read) : "missing";
            compared++;
            if (actual != expected)
            {
                problems.Add($"{where}: {path} was {value.ToJsonString()} ({expected}), exported {read?.ToJsonString() ?? ""} ({actual}).");
            }
        }
        return compared;
    }

    /// <summary>Every scalar or array under <paramref name="node"/> by its dotted path; nulls left out (they mean "not set").</summary>
    private static void Leaves(string path, JsonNode? node, Dictionary<string, JsonNode> into)
    {
        switch (node)
        {
            case null:
                return;
            case JsonObject json:
                foreach (var (key, value) in json)
                {
                    Leaves($"{path}.{key}", value, into);
                }
                return;
            default:
                into[path] = node;
                return;
        }
    }

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}

public sealed class SqliteOrchardRecipeExportTypesHttpTests() : OrchardRecipeExportTypesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresOrchardRecipeExportTypesHttpTests() : OrchardRecipeExportTypesHttpTests(DatabaseProvider.Postgres);
