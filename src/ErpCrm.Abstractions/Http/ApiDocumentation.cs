using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Http;

/// <summary>The type of a query value as the API reference shows it (every value travels as text).</summary>
public enum ApiValueType
{
    /// <summary>Free text.</summary>
    String,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A day, <c>yyyy-MM-dd</c>.</summary>
    Date,

    /// <summary>A day or an ISO 8601 time.</summary>
    DateTime,
}

/// <summary>
/// A query parameter an endpoint reads by hand (from <c>HttpContext.Request.Query</c>, to name a bad value in its own words): the API
/// reference cannot see it in the handler's signature, so the endpoint declares it with <see cref="ApiDocumentation.WithQuery{TBuilder}"/>.
/// </summary>
/// <param name="Name">The name in the query string.</param>
/// <param name="Description">What it does, for a reader of the reference.</param>
/// <param name="Type">The type of its value.</param>
/// <param name="Required">Whether the call is refused without it.</param>
/// <param name="Values">The values it takes, when it takes a fixed set.</param>
/// <param name="IsMap">A family of parameters <c>name[key]=value</c> (such as <c>filter[Part.Field]</c>), shown as one deepObject parameter.</param>
public sealed record ApiQueryParameterMetadata(string Name, string Description, ApiValueType Type = ApiValueType.String, bool Required = false,
    IReadOnlyList<string>? Values = null, bool IsMap = false);

/// <summary>
/// The body of an endpoint that reads it itself (<see cref="OwnBodyEndpoints.ReadsOwnBody{TBuilder}"/>, a CSV upload), for the reference
/// only: unlike <c>Accepts&lt;T&gt;</c>, it does not make routing refuse other content types (415) before the endpoint's own checks.
/// </summary>
public sealed record ApiRequestBodyMetadata(Type Type, IReadOnlyList<string> ContentTypes);

/// <summary>A tag of the API reference (the group its operations are listed under) and what its operations are about.</summary>
public sealed record ApiTagMetadata(string Name, string Description);

/// <summary>The endpoint honours <c>If-Match</c> (optimistic concurrency, <see cref="ETags"/>): a stale version answers 409.</summary>
public sealed class IfMatchMetadata
{
    /// <summary>The one instance endpoints carry.</summary>
    public static readonly IfMatchMetadata Instance = new();

    private IfMatchMetadata()
    {
    }
}

/// <summary>The endpoint honours <c>Idempotency-Key</c> (added by <see cref="IdempotencyEndpointExtensions.AcceptIdempotencyKey{TBuilder}"/>).</summary>
public sealed class IdempotencyKeyMetadata
{
    /// <summary>The one instance endpoints carry.</summary>
    public static readonly IdempotencyKeyMetadata Instance = new();

    private IdempotencyKeyMetadata()
    {
    }
}

/// <summary>
/// What an endpoint tells the API reference (the OpenAPI document of the <c>ErpCrm.OpenApi</c> feature) beyond its signature. Name and
/// summarise every endpoint with ASP.NET Core's <c>WithName</c> and <c>WithSummary</c>; declare a body read as a <c>JsonNode</c> (to name
/// every bad field) with <c>Accepts&lt;TRecord&gt;("application/json")</c> and the reference shows the record's schema; declare problems
/// the signature does not show with <c>ProducesProblem(StatusCodes.Status409Conflict)</c>. The reference adds by itself the bearer token
/// (unless the endpoint allows anonymous callers), 401 and 403, and 404 for a route with parameters.
/// </summary>
public static class ApiDocumentation
{
    /// <summary>The media type of problem details (RFC 9457).</summary>
    public const string ProblemContentType = "application/problem+json";

    /// <summary>Lists the endpoints under <paramref name="name"/> in the reference, which describes the tag as <paramref name="description"/>.</summary>
    public static TBuilder WithTag<TBuilder>(this TBuilder builder, string name, string description) where TBuilder : IEndpointConventionBuilder =>
        builder.WithTags(name).WithMetadata(new ApiTagMetadata(name, description));

    /// <summary>Describes the body an endpoint reads itself (see <see cref="ApiRequestBodyMetadata"/>).</summary>
    public static TBuilder WithRequestBody<TBuilder>(this TBuilder builder, Type type, params string[] contentTypes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiRequestBodyMetadata(type, contentTypes));

    /// <summary>Declares a query parameter the handler reads by hand.</summary>
    public static TBuilder WithQuery<TBuilder>(this TBuilder builder, string name, string description, ApiValueType type = ApiValueType.String,
        bool required = false, params string[] values) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiQueryParameterMetadata(name, description, type, required, values.Length == 0 ? null : values));

    /// <summary>Declares <c>filter[key]=value</c> parameters, shown as one deepObject parameter.</summary>
    public static TBuilder WithQueryMap<TBuilder>(this TBuilder builder, string name, string description) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiQueryParameterMetadata(name, description, IsMap: true));

    /// <summary>Declares <c>page</c> (from 1) and <c>pageSize</c> of a list.</summary>
    public static TBuilder WithPaging<TBuilder>(this TBuilder builder, int defaultPageSize, int maxPageSize) where TBuilder : IEndpointConventionBuilder =>
        builder
            .WithQuery("page", "The page to answer, from 1 (the default).", ApiValueType.Integer)
            .WithQuery("pageSize", $"Items per page: {defaultPageSize} by default, at most {maxPageSize}.", ApiValueType.Integer);

    /// <summary>
    /// Declares that the endpoint honours <c>If-Match</c> with the <c>ETag</c> a GET answered, and answers 409 when the resource changed
    /// since (the handler reads it with <see cref="ETags.ReadIfMatch"/>).
    /// </summary>
    public static TBuilder WithIfMatch<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IfMatchMetadata.Instance, new ProducesResponseTypeMetadata(StatusCodes.Status409Conflict, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), [ProblemContentType]));
}
