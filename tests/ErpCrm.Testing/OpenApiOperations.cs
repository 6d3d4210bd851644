using System.Net;
using System.Text.Json;

namespace ErpCrm.Testing;

/// <summary>A parameter of an operation as the OpenAPI document declares it: its name, where it goes (path or query) and its JSON type.</summary>
public sealed record OpenApiParameter(string Name, string In, string? Type);

/// <summary>An operation of the OpenAPI document: <c>POST /api/leads/{id}/stage</c>, its parameters and whether it takes a body.</summary>
public sealed record OpenApiOperation(string Method, string Path, IReadOnlyList<OpenApiParameter> Parameters, bool TakesBody)
{
    /// <summary>How the operation is named in samples and failures: <c>POST /api/leads/{id}/stage</c>.</summary>
    public string Key => $"{Method} {Path}";

    public IEnumerable<OpenApiParameter> PathParameters => Parameters.Where(p => p.In == "path");

    public override string ToString() => Key;
}

/// <summary>Reads the operations of the host's OpenAPI document (the ErpCrm.OpenApi feature serves it), as a client would.</summary>
public static class OpenApiOperations
{
    public const string DocumentPath = "api/openapi/v1.json";

    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public static async Task<IReadOnlyList<OpenApiOperation>> ReadAsync(HttpClient client)
    {
        var document = await (await client.GetAsync(DocumentPath)).ReadJsonAsync(HttpStatusCode.OK);
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new OpenApiParameter(
                        p.GetProperty("name").GetString()!,
                        p.GetProperty("in").GetString()!,
                        p.TryGetProperty("schema", out var schema) && schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null)).ToList()
                    : [];
                operations.Add(new OpenApiOperation(operation.Name.ToUpperInvariant(), path.Name, parameters, operation.Value.TryGetProperty("requestBody", out _)));
            }
        }
        return operations;
    }
}
