using System.Text.Json;
using System.Text.Json.Nodes;

namespace ErpCrm.Http;

/// <summary>Reads request bodies and recipe steps into modules' input records: property names ignore case, and a body of the wrong
/// shape is an error naming where, never an exception.</summary>
public static class JsonBodies
{
    /// <summary>The web defaults (camelCase, case-insensitive).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The node as <typeparamref name="T"/>, or default with an error keyed <paramref name="path"/> (or the property at fault) when it does not read as one.</summary>
    public static T? Read<T>(JsonNode? node, string path, IDictionary<string, string> errors) where T : class
    {
        if (node is null)
        {
            errors[path.Length == 0 ? "body" : path] = $"{(path.Length == 0 ? "The body" : path)} is required.";
            return null;
        }
        try
        {
            return node.Deserialize<T>(Options);
        }
        catch (JsonException e)
        {
            errors[e.Path is { Length: > 2 } at ? $"{path}{(path.Length == 0 ? "" : ".")}{at.TrimStart('$', '.')}" : path.Length == 0 ? "body" : path] =
                $"has the wrong shape: {e.Message.Split(" Path:")[0]}";
            return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="body"/> gives <paramref name="property"/> (name ignoring case) as JSON null, which reading into a
    /// record cannot tell from leaving it out. A partial update (null: unchanged) uses it to take an explicit null as "empty"
    /// — clear what may be cleared, refuse what may not — instead of ignoring it silently.
    /// </summary>
    public static bool GivesNull(JsonNode? body, string property) =>
        body is JsonObject json && json.Any(p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase) && p.Value is null);
}
