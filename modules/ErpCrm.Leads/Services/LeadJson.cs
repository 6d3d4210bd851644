using System.Text.Json;
using System.Text.Json.Nodes;

namespace ErpCrm.Leads.Services;

/// <summary>Reads request bodies and recipe steps into the module's input records: property names ignore case, and a body of the wrong shape is an error naming it, never an exception.</summary>
public static class LeadJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The node as <typeparamref name="T"/>, or default with an error keyed <paramref name="path"/> when it does not read as one.</summary>
    public static T? Read<T>(JsonNode? node, string path, IDictionary<string, string> errors) where T : class
    {
        if (node is null)
        {
            errors[path] = $"{(path.Length == 0 ? "The body" : path)} is required.";
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

    /// <summary>Writes an input record as a recipe step's or an answer's JSON (camelCase, nulls left out).</summary>
    public static JsonNode? Write<T>(T value) => JsonSerializer.SerializeToNode(value, WriteOptions);

    private static readonly JsonSerializerOptions WriteOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
