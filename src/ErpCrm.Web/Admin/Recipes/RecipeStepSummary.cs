using System.Text.Json.Nodes;

namespace ErpCrm.Web.Admin.Recipes;

/// <summary>What a recipe step will do, in a few words, for the confirmation page (the step's JSON as written, values unevaluated).</summary>
public static class RecipeStepSummary
{
    private const int MaxNames = 8;

    public static string Describe(JsonNode? step)
    {
        if (step is not JsonObject json || json["name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name))
        {
            return "Not a step (no name).";
        }
        return name.ToLowerInvariant() switch
        {
            "feature" => Join(("Enable", Names(Property(json, "enable"))), ("disable", Names(Property(json, "disable")))),
            "contentdefinition" or "replacecontentdefinition" => Join(("Create or replace the content types", Names(Property(json, "ContentTypes"), "Name")),
                ("the parts", Names(Property(json, "ContentParts"), "Name"))),
            "deletecontentdefinition" => Join(("Delete the content types", Names(Property(json, "ContentTypes"))), ("the parts", Names(Property(json, "ContentParts")))),
            "content" => $"Create or update {Count(Property(json, "data"))} content item(s){Types(Property(json, "data"))}.",
            "roles" => Join(("Create or update the roles", Names(Property(json, "Roles"), "Name"))),
            "settings" => Join(("Set", string.Join(", ", json.Where(p => p.Key != "name").Select(p => p.Key).Take(MaxNames)))),
            "themes" => Join(("Site theme", Text(Property(json, "site"))), ("admin theme", Text(Property(json, "admin")))),
            "recipes" => Join(("Run the recipes", Names(Property(json, "Values"), "name"))),
            _ => "A module's step.",
        };
    }

    private static JsonNode? Property(JsonObject json, string name) =>
        json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Names(JsonNode? list, string? property = null)
    {
        if (list is not JsonArray array)
        {
            return "";
        }
        var names = array.Select(n => property is null ? Text(n) : n is JsonObject o ? Text(o[property]) : "").Where(n => n.Length > 0).ToList();
        return string.Join(", ", names.Take(MaxNames)) + (names.Count > MaxNames ? $" and {names.Count - MaxNames} more" : "");
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";

    private static int Count(JsonNode? node) => node is JsonArray array ? array.Count : 0;

    private static string Types(JsonNode? data)
    {
        var types = (data as JsonArray ?? []).OfType<JsonObject>().Select(i => Text(i["ContentType"])).Where(t => t.Length > 0).Distinct().ToList();
        return types.Count == 0 ? "" : $" of {string.Join(", ", types.Take(MaxNames))}";
    }

    private static string Join(params (string Label, string Names)[] parts)
    {
        var said = parts.Where(p => p.Names.Length > 0).Select(p => $"{p.Label}: {p.Names}").ToList();
        return said.Count == 0 ? "Nothing." : string.Join("; ", said) + ".";
    }
}
