using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Http;

namespace ErpCrm.Leads.Services;

/// <summary>Reads request bodies and recipe steps into the module's input records: property names ignore case, and a body of the wrong shape is an error naming it, never an exception.</summary>
public static class LeadJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <inheritdoc cref="JsonBodies.Read{T}(JsonNode?, string, IDictionary{string, string})"/>
    public static T? Read<T>(JsonNode? node, string path, IDictionary<string, string> errors) where T : class => JsonBodies.Read<T>(node, path, errors);

    /// <summary>Writes an input record as a recipe step's or an answer's JSON (camelCase, nulls left out).</summary>
    public static JsonNode? Write<T>(T value) => JsonSerializer.SerializeToNode(value, WriteOptions);

    private static readonly JsonSerializerOptions WriteOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
