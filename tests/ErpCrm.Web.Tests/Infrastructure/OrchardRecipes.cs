using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ErpCrm.Testing;

/// <summary>The real Orchard Core recipes in TestData/orchard-recipes, read as their steps.</summary>
public static partial class OrchardRecipes
{
    public static readonly string[] Names = ["agency", "blog", "comingsoon"];

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The whole recipe (comments dropped).</summary>
    public static JsonObject Document(string recipe)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "orchard-recipes", recipe + ".recipe.json");
        return JsonNode.Parse(File.ReadAllText(path), documentOptions: Options)!.AsObject();
    }

    /// <summary>The recipe's steps.</summary>
    public static JsonArray Steps(string recipe) => Document(recipe)["steps"]!.AsArray();

    /// <summary>The ContentDefinition step of a recipe, as {ContentTypes, ContentParts}.</summary>
    public static JsonObject ContentDefinitionStep(string recipe)
    {
        var step = Steps(recipe).Single(s => string.Equals(s!["name"]!.GetValue<string>(), "ContentDefinition", StringComparison.OrdinalIgnoreCase))!;
        return new JsonObject { ["ContentTypes"] = step["ContentTypes"]!.DeepClone(), ["ContentParts"] = (step["ContentParts"] ?? new JsonArray()).DeepClone() };
    }

    /// <summary>Every item of the recipe's <c>content</c> steps (however the step and its data are capitalised).</summary>
    public static IReadOnlyList<JsonObject> ContentItems(string recipe) =>
        Steps(recipe)
            .Where(s => string.Equals(s!["name"]!.GetValue<string>(), "content", StringComparison.OrdinalIgnoreCase))
            .SelectMany(s => (s!["data"] ?? s["Data"])!.AsArray())
            .Select(i => (JsonObject)i!.DeepClone())
            .ToList();

    /// <summary>
    /// Replaces the recipe's <c>[js: …]</c> values the way its setup would (a new id per <c>uuid()</c>, one value per variable,
    /// the setup parameters given), so that its items can be sent to the content API before the recipe executor exists.
    /// </summary>
    public static void ResolveScripts(JsonNode node, IReadOnlyDictionary<string, string> parameters, Dictionary<string, string> variables)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json.ToList())
                {
                    if (value is JsonValue text && text.TryGetValue<string>(out var script) && Script().Match(script) is { Success: true } match)
                    {
                        json[key] = Evaluate(match.Groups[1].Value.Trim(), parameters, variables);
                    }
                    else if (value is not null)
                    {
                        ResolveScripts(value, parameters, variables);
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array.Where(c => c is not null))
                {
                    ResolveScripts(child!, parameters, variables);
                }
                break;
        }
    }

    private static string Evaluate(string script, IReadOnlyDictionary<string, string> parameters, Dictionary<string, string> variables)
    {
        if (Call().Match(script) is { Success: true } call)
        {
            var (function, argument) = (call.Groups[1].Value, call.Groups[2].Value);
            return function switch
            {
                "parameters" => parameters[argument],
                "variables" when argument == "now" => "2026-11-25T10:00:00Z",
                "variables" => variables.TryGetValue(argument, out var value) ? value : variables[argument] = Guid.NewGuid().ToString("N")[..26],
                _ => throw new InvalidOperationException(script),
            };
        }
        return script.StartsWith("uuid()", StringComparison.Ordinal) ? Guid.NewGuid().ToString("N")[..26] : "scripted value";
    }

    [GeneratedRegex(@"^\[js:(.*)\]$", RegexOptions.Singleline)]
    private static partial Regex Script();

    [GeneratedRegex(@"^(parameters|variables)\('([^']+)'\)$")]
    private static partial Regex Call();
}
