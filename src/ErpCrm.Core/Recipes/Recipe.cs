using System.Text.Json;
using System.Text.Json.Nodes;

namespace ErpCrm.Core.Recipes;

/// <summary>A recipe file: Orchard Core's envelope and its steps, as read.</summary>
public sealed record Recipe(
    string Name,
    string DisplayName,
    string Description,
    bool IsSetupRecipe,
    string FilePath,
    JsonArray Steps)
{
    /// <summary>The JSON options recipes are read with: <c>//</c> comments and trailing commas allowed.</summary>
    public static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads a recipe file; returns the recipe, or a one-line reason naming the file.</summary>
    public static (Recipe? Recipe, string? Error) Load(string path)
    {
        if (!File.Exists(path))
        {
            return (null, $"Recipe file '{path}' does not exist.");
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: ReadOptions);
        }
        catch (JsonException e)
        {
            return (null, $"Recipe file '{path}' is not valid JSON: {e.Message}");
        }
        if (root is not JsonObject envelope)
        {
            return (null, $"Recipe file '{path}' must hold a JSON object.");
        }
        if (envelope["steps"] is not JsonArray steps)
        {
            return (null, $"Recipe file '{path}' has no \"steps\" array.");
        }
        var fileName = Path.GetFileName(path);
        var fallbackName = fileName.EndsWith(".recipe.json", StringComparison.OrdinalIgnoreCase) ? fileName[..^".recipe.json".Length] : Path.GetFileNameWithoutExtension(path);
        var name = Text(envelope, "name") ?? fallbackName;
        return (new Recipe(
            name,
            Text(envelope, "displayName") ?? name,
            Text(envelope, "description") ?? "",
            envelope["issetuprecipe"] is JsonValue flag && (flag.TryGetValue<bool>(out var b) ? b : string.Equals(flag.ToString(), "true", StringComparison.OrdinalIgnoreCase)),
            Path.GetFullPath(path),
            steps), null);
    }

    private static string? Text(JsonObject envelope, string property) =>
        envelope[property] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
