using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ErpCrm.OpenApi;

/// <summary>
/// Removes the component schemas nothing refers to: those of operations left out (their feature is off) and those an endpoint's
/// declared record replaced (a <c>JsonNode</c> body, a page of <c>JsonObject</c> items), so that a generated client has no dead types.
/// </summary>
internal static class UnusedSchemas
{
    private const string Prefix = "#/components/schemas/";

    public static async Task RemoveAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas is not { Count: > 0 } schemas)
        {
            return;
        }
        var json = JsonNode.Parse(await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken))!.AsObject();
        var definitions = json["components"]?["schemas"]?.AsObject() ?? [];
        // What the document refers to outside the schemas, then what those schemas refer to, until nothing new is reached.
        json["components"]!.AsObject().Remove("schemas");
        var used = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(References(json));
        while (pending.TryPop(out var name))
        {
            if (used.Add(name) && definitions[name] is { } definition)
            {
                foreach (var inner in References(definition))
                {
                    pending.Push(inner);
                }
            }
        }
        foreach (var name in schemas.Keys.Where(n => !used.Contains(n)).ToList())
        {
            schemas.Remove(name);
        }
    }

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value?.GetValue<string>() is { } target && target.StartsWith(Prefix, StringComparison.Ordinal))
                    {
                        yield return target[Prefix.Length..];
                    }
                    foreach (var inner in References(value))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonArray array:
                foreach (var inner in array.SelectMany(References))
                {
                    yield return inner;
                }
                break;
        }
    }
}
