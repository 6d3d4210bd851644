using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ErpCrm.OpenApi;

/// <summary>
/// Completes each operation from its endpoint's metadata (<see cref="ApiDocumentation"/>), one mechanism for every module: the query
/// parameters a handler reads by hand, the <c>If-Match</c> and <c>Idempotency-Key</c> headers it honours, the schema of a body it reads
/// as a <c>JsonNode</c> (declared with <c>Accepts&lt;T&gt;</c>), no bearer token where it allows anonymous callers, and the problems every
/// endpoint can answer (401 and 403 when it needs a token, 404 when its route names a record).
/// </summary>
internal static partial class OperationContract
{
    public static async Task CompleteAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        operation.OperationId ??= OperationId(description.HttpMethod ?? "GET", description.RelativePath ?? "");
        operation.Summary ??= $"{description.HttpMethod} /{description.RelativePath}";

        var parameters = operation.Parameters ??= [];
        foreach (var query in metadata.OfType<ApiQueryParameterMetadata>().Where(q => parameters.All(p => p.Name != q.Name)))
        {
            parameters.Add(Query(query));
        }
        if (metadata.OfType<IfMatchMetadata>().Any())
        {
            parameters.Add(Header("If-Match", "The ETag a GET of the resource answered (e.g. \"3\"): the change is refused with 409 when the resource changed since. Left out, the change applies whatever the version.",
                "\"3\""));
        }
        if (metadata.OfType<IdempotencyKeyMetadata>().Any())
        {
            parameters.Add(Header("Idempotency-Key", "Makes the call safe to retry: a retry with the same key, method, path and body within 24 hours gets the first answer again (with Idempotent-Replayed: true) and changes nothing; the same key with another request answers 422.",
                "3f2c9a7e-order-42"));
        }
        if (parameters.Count == 0)
        {
            operation.Parameters = null;
        }

        await DescribeBodyAsync(operation, context, metadata, cancellationToken);
        await DescribeAnswersAsync(operation, context, metadata, cancellationToken);

        var anonymous = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
        if (anonymous)
        {
            // An empty list overrides the document's bearer requirement: this operation needs no token.
            operation.Security = [];
        }
        else
        {
            await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized, "No valid bearer token (or sign-in cookie) came with the request.", cancellationToken);
            await AddProblemAsync(operation, context, StatusCodes.Status403Forbidden, "The caller lacks the permission this operation needs.", cancellationToken);
        }
        // The host refuses, before any endpoint runs, a query or route value that is not text and a body that does not read.
        await AddProblemAsync(operation, context, StatusCodes.Status400BadRequest, "Bad request: the problem names every bad field.", cancellationToken);
        if (description.ParameterDescriptions.Any(p => p.Source.Id == "Path"))
        {
            await AddProblemAsync(operation, context, StatusCodes.Status404NotFound, "No record has the id the route names (or the caller may not see it).", cancellationToken);
        }
        foreach (var (status, problem) in operation.Responses ?? [])
        {
            if (problem is OpenApiResponse response && string.IsNullOrEmpty(response.Description))
            {
                response.Description = Describe(status);
            }
        }
    }

    /// <summary>
    /// A body the handler reads as a <c>JsonNode</c> (to name every bad field itself) is described by the record its endpoint declares
    /// with <c>Accepts&lt;T&gt;</c>: the framework describes such a parameter as any JSON and ignores the declaration.
    /// </summary>
    private static async Task DescribeBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, IList<object> metadata,
        CancellationToken cancellationToken)
    {
        var own = metadata.OfType<ApiRequestBodyMetadata>().LastOrDefault();
        var declared = metadata.OfType<IAcceptsMetadata>().LastOrDefault(m => m.RequestType is { } type && !typeof(JsonNode).IsAssignableFrom(type));
        if ((own?.Type ?? declared?.RequestType) is not { } type)
        {
            return;
        }
        var schema = await SchemaAsync(context, type, cancellationToken);
        if (own is not null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = own.ContentTypes.ToDictionary(c => c, _ => new OpenApiMediaType { Schema = schema }),
            };
            return;
        }
        if (operation.RequestBody is OpenApiRequestBody { Content: { Count: > 0 } content })
        {
            foreach (var media in content.Values)
            {
                media.Schema = schema;
            }
            return;
        }
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = !declared!.IsOptional,
            Content = declared.ContentTypes.ToDictionary(c => c, _ => new OpenApiMediaType { Schema = schema }),
        };
    }

    /// <summary>
    /// An answer the handler builds as a <c>JsonObject</c> (a content item, a report) is described by the type its endpoint declares with
    /// <c>Produces&lt;T&gt;(status)</c>; the framework would describe it as any JSON.
    /// </summary>
    private static async Task DescribeAnswersAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, IList<object> metadata,
        CancellationToken cancellationToken)
    {
        // Only a declaration that follows another for the same status (the one the handler's return type gave) overrides it.
        var byStatus = metadata.OfType<IProducesResponseTypeMetadata>().GroupBy(m => m.StatusCode).Where(g => g.Count() > 1).Select(g => g.Last());
        foreach (var declared in byStatus)
        {
            if (declared.Type is not { } type || type == typeof(void) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(object)
                || typeof(ProblemDetails).IsAssignableFrom(type)
                || operation.Responses?.GetValueOrDefault(declared.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not OpenApiResponse { Content: { } content })
            {
                continue;
            }
            var schema = await SchemaAsync(context, type, cancellationToken);
            foreach (var media in content.Where(c => c.Key.Contains("json", StringComparison.Ordinal)))
            {
                media.Value.Schema = schema;
            }
        }
    }

    /// <summary>The schema of a type, as a reference to the component of its name (added once per document).</summary>
    private static async Task<IOpenApiSchema> SchemaAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        var document = context.Document;
        // Lists and other generic types stay inline: a component named IReadOnlyList`1 would help nobody.
        if (document is null || type.IsGenericType || type.IsArray)
        {
            return schema;
        }
        var name = type.Name;
        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            document.AddComponent(name, schema);
        }
        return new OpenApiSchemaReference(name, document);
    }

    private static async Task AddProblemAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description,
        CancellationToken cancellationToken)
    {
        var responses = operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses.ContainsKey(key))
        {
            return;
        }
        responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ApiDocumentation.ProblemContentType] = new() { Schema = await SchemaAsync(context, typeof(ProblemDetails), cancellationToken) },
            },
        };
    }

    private static OpenApiParameter Query(ApiQueryParameterMetadata query) => new()
    {
        Name = query.Name,
        In = ParameterLocation.Query,
        Description = query.Description,
        Required = query.Required,
        // A map is filter[key]=value (deepObject, exploded); a plain value keeps the query's default style.
        Style = query.IsMap ? ParameterStyle.DeepObject : ParameterStyle.Form,
        Explode = true,
        Schema = query.IsMap
            ? new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String } }
            : new OpenApiSchema
            {
                Type = query.Type switch
                {
                    ApiValueType.Integer => JsonSchemaType.Integer,
                    ApiValueType.Boolean => JsonSchemaType.Boolean,
                    _ => JsonSchemaType.String,
                },
                Format = query.Type switch
                {
                    ApiValueType.Integer => "int32",
                    ApiValueType.Date => "date",
                    _ => null,
                },
                Enum = query.Values?.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
            },
    };

    private static OpenApiParameter Header(string name, string description, string example) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = JsonValue.Create(example),
    };

    /// <summary>An id for an operation its endpoint did not name: <c>GET api/leads/{id}/history</c> is <c>GetApiLeadsIdHistory</c>.</summary>
    private static string OperationId(string method, string path) =>
        method[..1].ToUpperInvariant() + method[1..].ToLowerInvariant() + string.Concat(Words().Matches(path).Select(m => char.ToUpperInvariant(m.Value[0]) + m.Value[1..]));

    private static string Describe(string status) => status switch
    {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "No content",
        "400" => "Bad request: the problem names every bad field.",
        "404" => "Not found.",
        "409" => "Conflict: the resource changed since the version named, or the change contradicts its state; the problem says which.",
        "413" => "The body is larger than this operation accepts.",
        "422" => "Unprocessable: the problem says why.",
        "429" => "Too many requests: retry after the seconds Retry-After names.",
        _ => "See the problem details.",
    };

    [GeneratedRegex("[A-Za-z0-9]+")]
    private static partial Regex Words();
}
