using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// The OpenAPI document is a contract clients are generated from: with every module on, the official schema, a parser and Redocly's
/// recommended rules find nothing wrong in it, and it says what a client needs — the bearer scheme, an id and a summary for every
/// operation, every query parameter the README documents, the headers endpoints honour and the problems they answer.
/// </summary>
public abstract partial class OpenApiDocumentHttpTests(DatabaseProvider provider) : SetUpHostTests(provider, ownHost: true)
{
    private async Task<string> DocumentAsync()
    {
        await Host.EnableEveryFeatureAsync(Admin);
        using var response = await Host.CreateClient().GetAsync(OpenApiOperations.DocumentPath);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return text;
    }

    [Fact]
    public async Task The_document_with_every_module_on_passes_the_official_schema_a_parser_and_Redocly_recommended_rules()
    {
        var validation = await OpenApiValidators.ValidateAsync(await DocumentAsync());

        Assert.True(validation.Valid, validation.Output);
    }

    [Fact]
    public async Task Every_operation_is_named_summarised_secured_unless_public_and_declares_its_parameters_headers_and_problems()
    {
        using var json = JsonDocument.Parse(await DocumentAsync());
        var document = json.RootElement;
        var operations = Operations(document).ToDictionary(o => o.Key, o => o.Value);

        var server = document.GetProperty("servers")[0].GetProperty("url").GetString()!;
        Assert.False(server.EndsWith('/'), $"The server URL '{server}' ends with a slash.");
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("Bearer", out _), "The document does not require the bearer scheme.");
        Assert.Contains("Authorization: Bearer", document.GetProperty("info").GetProperty("description").GetString());
        Assert.Contains("tokens create --user", document.GetProperty("info").GetProperty("description").GetString());

        var problems = new List<string>();
        foreach (var (key, operation) in operations)
        {
            foreach (var property in new[] { "operationId", "summary" })
            {
                if (!operation.TryGetProperty(property, out var value) || string.IsNullOrWhiteSpace(value.GetString()))
                {
                    problems.Add($"{key} has no {property}");
                }
            }
            var isPublic = operation.TryGetProperty("security", out var security) && security.GetArrayLength() == 0;
            // The test modules' own endpoints (under /api/test and /api/plugin) include public ones of their own.
            var ofTestModules = key.Contains(" /api/test/", StringComparison.Ordinal) || key.Contains(" /api/plugin/", StringComparison.Ordinal);
            if (!ofTestModules && isPublic != key is "POST /api/leads/capture")
            {
                problems.Add($"{key} is {(isPublic ? "" : "not ")}marked public");
            }
            if (!isPublic && !Responses(operation).Contains("401"))
            {
                problems.Add($"{key} does not declare 401");
            }
            if (key.Contains('{') && !Responses(operation).Contains("404"))
            {
                problems.Add($"{key} names a record but does not declare 404");
            }
            if (operation.TryGetProperty("requestBody", out var body))
            {
                foreach (var media in body.GetProperty("content").EnumerateObject().Where(m => m.Name.Contains("json")))
                {
                    if (!media.Value.TryGetProperty("schema", out var schema) || !(schema.TryGetProperty("$ref", out _) || schema.TryGetProperty("type", out _)))
                    {
                        problems.Add($"{key} takes a {media.Name} body without a schema");
                    }
                }
            }
        }
        foreach (var (key, parameters) in ReadmeQueryParameters())
        {
            if (!operations.TryGetValue(key, out var operation))
            {
                problems.Add($"{key}, which the README documents, is not in the document");
                continue;
            }
            var declared = Parameters(operation, "query");
            problems.AddRange(parameters.Where(p => !declared.Contains(p)).Select(p => $"{key} does not declare the query parameter '{p}' the README documents"));
        }
        foreach (var key in new[] { "POST /api/users", "POST /api/roles", "POST /api/content-types", "POST /api/content-parts", "POST /api/content/{type}",
                     "POST /api/contacts", "POST /api/leads", "POST /api/ledger/entries", "POST /api/ledger/entries/batch", "POST /api/ledger/accounts" })
        {
            if (!Parameters(operations[key], "header").Contains("Idempotency-Key"))
            {
                problems.Add($"{key} does not declare Idempotency-Key");
            }
        }
        foreach (var key in new[] { "PUT /api/content/{type}/{id}", "DELETE /api/content/{type}/{id}", "POST /api/content/{type}/{id}/publish", "PUT /api/content-types/{name}",
                     "PUT /api/contacts/{id}", "DELETE /api/contacts/{id}", "PUT /api/leads/{id}", "POST /api/leads/{id}/stage", "PUT /api/ledger/entries/{id}",
                     "DELETE /api/ledger/entries/{id}", "POST /api/ledger/entries/{id}/post", "POST /api/features/{id}/enable" })
        {
            if (!Parameters(operations[key], "header").Contains("If-Match") || !Responses(operations[key]).Contains("409"))
            {
                problems.Add($"{key} does not declare If-Match and its 409");
            }
        }
        foreach (var key in new[] { "POST /api/contacts", "DELETE /api/content/{type}/{id}", "POST /api/ledger/entries", "POST /api/leads/{id}/convert" })
        {
            if (!Responses(operations[key]).Contains("409"))
            {
                problems.Add($"{key} does not declare its 409");
            }
        }
        problems.AddRange(ArraysWithoutItems(document, "#"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static IEnumerable<KeyValuePair<string, JsonElement>> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where operation.Name is "get" or "post" or "put" or "patch" or "delete"
        select KeyValuePair.Create($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value);

    private static HashSet<string> Responses(JsonElement operation) =>
        operation.TryGetProperty("responses", out var responses) ? responses.EnumerateObject().Select(r => r.Name).ToHashSet() : [];

    private static HashSet<string> Parameters(JsonElement operation, string location) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == location).Select(p => p.GetProperty("name").GetString()!).ToHashSet()
            : [];

    /// <summary>Every schema of type array (anywhere in the document) without <c>items</c>.</summary>
    private static IEnumerable<string> ArraysWithoutItems(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var isArray = element.TryGetProperty("type", out var type) && (type.ValueKind == JsonValueKind.String
                ? type.GetString() == "array"
                : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "array"));
            if (isArray && !element.TryGetProperty("items", out _) && !path.EndsWith("/properties", StringComparison.Ordinal))
            {
                yield return $"the array schema at {path} has no items";
            }
            foreach (var property in element.EnumerateObject())
            {
                foreach (var problem in ArraysWithoutItems(property.Value, $"{path}/{property.Name}"))
                {
                    yield return problem;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                foreach (var problem in ArraysWithoutItems(item, $"{path}/{i++}"))
                {
                    yield return problem;
                }
            }
        }
    }

    /// <summary>
    /// The query parameters the README's API table documents, by operation: <c>GET /api/contacts?q=&amp;role=…</c> and
    /// <c>POST /api/features/{id}/enable[?force=true]</c>; <c>…/general-ledger?account=</c> continues the path before it, and a row
    /// that says <c>&amp;format=csv</c> adds <c>format</c> to its operations. <c>filter[Field]</c> is the parameter <c>filter</c>.
    /// </summary>
    private static IEnumerable<(string Key, IReadOnlyList<string> Parameters)> ReadmeQueryParameters()
    {
        var readme = File.ReadAllLines(Path.Combine(OpenApiValidators.RepositoryRoot(), "README.md"));
        var table = readme.SkipWhile(l => l != "## The HTTP API").TakeWhile(l => l != "## Security model").Where(l => l.StartsWith("| `", StringComparison.Ordinal));
        foreach (var row in table)
        {
            var found = new List<(string Key, List<string> Parameters)>();
            string? method = null, basePath = null;
            foreach (Match code in CodeSpan().Matches(row.Split(" | ")[0]))
            {
                var span = code.Groups[1].Value.Replace("\\|", "|");
                var call = Call().Match(span);
                if (!call.Success)
                {
                    continue;
                }
                method = call.Groups["method"].Success ? call.Groups["method"].Value.Split('/')[0] : method;
                var path = call.Groups["path"].Value;
                if (path.StartsWith('…'))
                {
                    path = basePath + path[1..];
                }
                basePath = path[..path.LastIndexOf('/')];
                var names = QueryName().Matches(call.Groups["query"].Value).Select(m => m.Groups[1].Value).ToList();
                if (names.Count > 0 && method is not null)
                {
                    found.Add(($"{method} {path}", names));
                }
            }
            if (row.Contains("`&format=csv`", StringComparison.Ordinal))
            {
                found.ForEach(f => f.Parameters.Add("format"));
            }
            foreach (var (key, parameters) in found)
            {
                yield return (key, parameters);
            }
        }
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^(?:(?<method>(?:GET|POST|PUT|DELETE)(?:/(?:GET|POST|PUT|DELETE))*) )?(?<path>(?:/api|…)[^?\[\s]*)(?<query>\S*)")]
    private static partial Regex Call();

    [GeneratedRegex(@"[?&]([A-Za-z]+)(?:\[[^\]]*\])?=")]
    private static partial Regex QueryName();
}

public sealed class SqliteOpenApiDocumentHttpTests() : OpenApiDocumentHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresOpenApiDocumentHttpTests() : OpenApiDocumentHttpTests(DatabaseProvider.Postgres);
