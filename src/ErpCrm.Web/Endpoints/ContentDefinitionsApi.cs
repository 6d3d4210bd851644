using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Web.Endpoints;

/// <summary>
/// Content type and part definitions over HTTP, in Orchard Core's JSON (one type or part record per body, or a
/// whole <c>ContentDefinition</c> step for the import). GET answers an <c>ETag</c>; a PUT with <c>If-Match</c> naming an
/// older one answers 409.
/// </summary>
internal static class ContentDefinitionsApi
{
    /// <summary>What differs between the type and the part endpoints; the handlers are the same.</summary>
    private sealed record Kind<T>(
        string Route,
        string Noun,
        Type Document,
        Func<T, string> Name,
        Func<JsonNode?, string, IDictionary<string, string>, T?> Read,
        Func<T, JsonObject> Write,
        Func<ContentDefinitionStore, string, CancellationToken, Task<StoredDefinition<T>?>> Find,
        Func<ContentDefinitionStore, T, CancellationToken, Task<Result<StoredDefinition<T>>>> Create,
        Func<ContentDefinitionStore, string, T, long?, CancellationToken, Task<Result<StoredDefinition<T>>>> Update,
        Func<ContentDefinitionStore, string, CancellationToken, Task<Result<bool>>> Delete,
        Func<ContentDefinitionStore, CancellationToken, Task<IReadOnlyList<StoredDefinition<T>>>> List) where T : class;

    private static readonly Kind<ContentTypeDefinition> Types = new("/api/content-types", "ContentType", typeof(ContentTypeDocument), t => t.Name, ContentDefinitionJson.ReadType, ContentDefinitionJson.Write,
        (s, n, ct) => s.FindTypeAsync(n, ct), (s, d, ct) => s.CreateTypeAsync(d, ct), (s, n, d, v, ct) => s.UpdateTypeAsync(n, d, v, ct),
        (s, n, ct) => s.DeleteTypeAsync(n, ct), (s, ct) => s.ListTypesAsync(ct));

    private static readonly Kind<ContentPartDefinition> Parts = new("/api/content-parts", "ContentPart", typeof(ContentPartDocument), p => p.Name, ContentDefinitionJson.ReadPart, ContentDefinitionJson.Write,
        (s, n, ct) => s.FindPartAsync(n, ct), (s, d, ct) => s.CreatePartAsync(d, ct), (s, n, d, v, ct) => s.UpdatePartAsync(n, d, v, ct),
        (s, n, ct) => s.DeletePartAsync(n, ct), (s, ct) => s.ListPartsAsync(ct));

    public static void MapContentDefinitionsApi(this IEndpointRouteBuilder endpoints)
    {
        Map(endpoints, Types, "Content types");
        Map(endpoints, Parts, "Content parts");
        endpoints.MapApiGroup("/api/content-definitions", KernelPermissions.ManageContentTypes, "Content types")
            .MapPost("/import", ImportAsync).WithName("ImportContentDefinitions")
            .WithSummary("Creates or replaces a whole ContentDefinition step's types and parts in one transaction")
            .Accepts<ContentDefinitionStepDocument>("application/json");
    }

    private static void Map<T>(IEndpointRouteBuilder endpoints, Kind<T> kind, string tag) where T : class
    {
        var api = endpoints.MapApiGroup(kind.Route, KernelPermissions.ManageContentTypes, tag);
        api.MapGet("", async (ContentDefinitionStore store, CancellationToken ct) =>
            TypedResults.Ok(new JsonArray([.. (await kind.List(store, ct)).Select(d => (JsonNode)kind.Write(d.Definition))])))
            .WithName($"List{kind.Noun}s").WithSummary($"Every {tag[..^1].ToLowerInvariant()} definition")
            .Produces(StatusCodes.Status200OK, kind.Document.MakeArrayType());
        api.MapGet("/{name}", async Task<Results<Ok<JsonObject>, ProblemHttpResult>> (string name, HttpContext http, ContentDefinitionStore store, CancellationToken ct) =>
            await kind.Find(store, name, ct) is { } stored ? Answer(http, kind, stored) : ApiResults.NotFound($"There is no {tag[..^1].ToLowerInvariant()} '{name}'."))
            .WithName($"Get{kind.Noun}").WithSummary($"A {tag[..^1].ToLowerInvariant()} definition, its version as ETag").Produces(StatusCodes.Status200OK, kind.Document);
        api.MapPost("", async Task<Results<Created<JsonObject>, ValidationProblem, ProblemHttpResult>> (JsonNode? body, HttpContext http, ContentDefinitionStore store, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string>();
            if (kind.Read(body, "", errors) is not { } definition)
            {
                return ApiResults.Invalid(errors);
            }
            return ApiResults.Answer(await kind.Create(store, definition, ct), stored =>
                TypedResults.Created($"{http.Request.PathBase}{kind.Route}/{Uri.EscapeDataString(kind.Name(stored.Definition))}", Answer(http, kind, stored).Value));
        }).AcceptIdempotencyKey().WithName($"Create{kind.Noun}").WithSummary($"Creates a {tag[..^1].ToLowerInvariant()} definition")
            .Accepts(kind.Document, "application/json").Produces(StatusCodes.Status201Created, kind.Document);
        api.MapPut("/{name}", async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> (string name, JsonNode? body, HttpContext http, ContentDefinitionStore store, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string>();
            var expected = ETags.ReadIfMatch(http, errors);
            if (body is JsonObject record && ContentDefinitionJson.Property(record, "Name") is null)
            {
                record["Name"] = name;
            }
            var definition = kind.Read(body, "", errors);
            if (definition is not null && !string.Equals(kind.Name(definition), name, StringComparison.OrdinalIgnoreCase))
            {
                errors["Name"] = $"The Name '{kind.Name(definition)}' is not the one in the URL ('{name}'); definitions are not renamed.";
            }
            if (errors.Count > 0)
            {
                return ApiResults.Invalid(errors);
            }
            return ApiResults.Answer(await kind.Update(store, name, definition!, expected, ct), stored => Answer(http, kind, stored));
        }).WithIfMatch().WithName($"Update{kind.Noun}").WithSummary($"Replaces a {tag[..^1].ToLowerInvariant()} definition")
            .Accepts(kind.Document, "application/json").Produces(StatusCodes.Status200OK, kind.Document);
        api.MapDelete("/{name}", async (string name, ContentDefinitionStore store, CancellationToken ct) =>
            ApiResults.Answer(await kind.Delete(store, name, ct), _ => TypedResults.NoContent()))
            .WithName($"Delete{kind.Noun}").WithSummary($"Deletes a {tag[..^1].ToLowerInvariant()} definition (409 while it is in use)")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<ContentDefinitionImportCounts>, ValidationProblem>> ImportAsync(
        JsonNode? body, ContentDefinitionStore store, ContentDefinitionChecker checker, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (ContentDefinitionJson.ReadStep(body, errors) is not { } step)
        {
            return ApiResults.Invalid(errors);
        }
        for (var i = 0; i < step.Types.Count; i++)
        {
            checker.Check(step.Types[i], $"ContentTypes[{i}].", errors);
        }
        for (var i = 0; i < step.Parts.Count; i++)
        {
            checker.Check(step.Parts[i], $"ContentParts[{i}].", errors);
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        return TypedResults.Ok(await store.ImportAsync(step.Types, step.Parts, ct));
    }

    private static Ok<JsonObject> Answer<T>(HttpContext http, Kind<T> kind, StoredDefinition<T> stored) where T : class
    {
        ETags.SetETag(http, stored.Version);
        return TypedResults.Ok(kind.Write(stored.Definition));
    }
}
