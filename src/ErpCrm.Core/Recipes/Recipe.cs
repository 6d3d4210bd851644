using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Http;

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
    /// <summary>The recipe's variables (<c>variables</c>), evaluated on first use.</summary>
    public JsonObject? Variables { get; init; }

    public string Author { get; init; } = "";

    public string Website { get; init; } = "";

    public string Version { get; init; } = "";

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The JSON options recipes are read with: <c>//</c> comments and trailing commas allowed.</summary>
    public static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Reads a recipe file; returns the recipe, or a one-line reason naming the file.</summary>
    public static (Recipe? Recipe, string? Error) Load(string path)
    {
        if (!File.Exists(path))
        {
            return (null, $"Recipe file '{path}' does not exist.");
        }
        var fileName = Path.GetFileName(path);
        var fallbackName = fileName.EndsWith(".recipe.json", StringComparison.OrdinalIgnoreCase) ? fileName[..^".recipe.json".Length] : Path.GetFileNameWithoutExtension(path);
        return Parse(File.ReadAllText(path), Path.GetFullPath(path), fallbackName, $"Recipe file '{path}'");
    }

    /// <summary>Reads a recipe from JSON text (a file's, or a request body's: then <paramref name="filePath"/> is "").</summary>
    public static (Recipe? Recipe, string? Error) Parse(string json, string filePath, string fallbackName, string what = "The recipe")
    {
        var problems = new Dictionary<string, string>();
        JsonBodies.Check(Encoding.UTF8.GetBytes(json), problems);
        if (problems.Count > 0)
        {
            return (null, $"{what} holds text that cannot be kept: {string.Join(" ", problems.Values)}");
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: ReadOptions);
        }
        catch (JsonException e)
        {
            return (null, $"{what} is not valid JSON: {e.Message}");
        }
        if (root is not JsonObject envelope)
        {
            return (null, $"{what} must hold a JSON object.");
        }
        if (envelope["steps"] is not JsonArray steps)
        {
            return (null, $"{what} has no \"steps\" array.");
        }
        if (envelope["variables"] is { } variables and not JsonObject)
        {
            return (null, $"{what}: \"variables\" must be an object.");
        }
        var name = Text(envelope, "name") ?? fallbackName;
        return (new Recipe(
            name,
            Text(envelope, "displayName") ?? name,
            Text(envelope, "description") ?? "",
            envelope["issetuprecipe"] is JsonValue flag && (flag.TryGetValue<bool>(out var b) ? b : string.Equals(flag.ToString(), "true", StringComparison.OrdinalIgnoreCase)),
            filePath,
            steps)
        {
            Variables = envelope["variables"] as JsonObject,
            Author = Text(envelope, "author") ?? "",
            Website = Text(envelope, "website") ?? "",
            Version = Text(envelope, "version") ?? "",
            Categories = Strings(envelope, "categories"),
            Tags = Strings(envelope, "tags"),
        }, null);
    }

    private static IReadOnlyList<string> Strings(JsonObject envelope, string property) =>
        envelope[property] is JsonArray array ? array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var t) ? t : null).OfType<string>().ToList() : [];

    private static string? Text(JsonObject envelope, string property) =>
        envelope[property] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
