using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content.Items;
using ErpCrm.Core.Hosting;
using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Web.Endpoints;

/// <summary>
/// Content items over HTTP, in Orchard Core's ContentItem JSON. Every answer about one item carries its revision as
/// <c>ETag</c>; a PUT, publish or DELETE with <c>If-Match</c> naming an older one answers 409. What a caller may do is
/// decided per type (<see cref="ContentPermissions"/>), so the group only requires a signed-in user and the service answers 403.
/// </summary>
internal static class ContentApi
{
    public static void MapContentApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/content/{type}")
            .RequireAnySignedInUser()
            .AddEndpointFilter(UnitOfWorkFilter.Instance)
            .WithKernelTag("Content items");
        api.MapGet("", ListAsync).WithName("ListContentItems").WithSummary("A page of a type's items, searched, filtered and sorted")
            .WithQuery("q", "Text searched in the display text.")
            .WithQueryMap("filter", "filter[Field] (or filter[Part.Field]) on a queryable field: v, v* (starts with), >=v, <=v, >v, <v or a..b.")
            .WithQuery("sort", "DisplayText, CreatedUtc, ModifiedUtc, PublishedUtc or a queryable field; '-' first for descending.")
            .WithPaging(ContentQuery.DefaultPageSize, ContentQuery.MaxPageSize)
            .WithQuery("published", "true for published items only.", ApiValueType.Boolean)
            .Produces<ContentPageDocument>();
        api.MapPost("", CreateAsync).AcceptIdempotencyKey().WithName("CreateContentItem").WithSummary("Creates an item of the type")
            .Accepts<ContentItemDocument>("application/json").Produces<ContentItemDocument>(StatusCodes.Status201Created);
        api.MapGet("/{id}", GetAsync).WithName("GetContentItem").WithSummary("An item, its revision as ETag").Produces<ContentItemDocument>();
        api.MapPut("/{id}", UpdateAsync).WithIfMatch().WithName("UpdateContentItem").WithSummary("Replaces an item's fields (a new version)")
            .Accepts<ContentItemDocument>("application/json").Produces<ContentItemDocument>();
        api.MapDelete("/{id}", RemoveAsync).WithIfMatch().WithName("RemoveContentItem")
            .WithSummary("Removes an item (soft); 409 while records of an enabled module refer to it");
        api.MapPost("/{id}/publish", PublishAsync).WithIfMatch().WithName("PublishContentItem")
            .WithSummary("Publishes the latest version of a Draftable type's item").Produces<ContentItemDocument>();
        api.MapGet("/{id}/versions", HistoryAsync).WithName("ListContentItemVersions").WithSummary("An item's versions and the trail of its changes");
        api.MapGet("/{id}/versions/{versionId}", VersionAsync).WithName("GetContentItemVersion").WithSummary("One version of an item")
            .Produces<ContentItemDocument>();
    }

    /// <summary>A page of items, as the list answers it.</summary>
    public sealed record ContentPageDto(IReadOnlyList<JsonObject> Items, long Total, int Page, int PageSize);

    /// <summary>A page of items, for the API reference (the answer is <see cref="ContentPageDto"/>).</summary>
    public sealed record ContentPageDocument(IReadOnlyList<ContentItemDocument> Items, long Total, int Page, int PageSize);

    /// <summary>An item's versions and the trail of its changes.</summary>
    public sealed record ContentHistoryDto(IReadOnlyList<ContentVersionInfo> Versions, IReadOnlyList<ContentChange> Changes);

    private static async Task<Results<Ok<ContentPageDto>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string type, HttpContext http, ContentQuery query, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var request = new ContentListRequest
        {
            Search = http.Request.Query["q"].ToString(),
            Sort = http.Request.Query["sort"].ToString(),
            Filters = http.Request.Query
                .Where(q => q.Key.StartsWith("filter[", StringComparison.OrdinalIgnoreCase) && q.Key.EndsWith(']'))
                .ToDictionary(q => q.Key["filter[".Length..^1], q => q.Value.ToString()),
            Page = Number(http, "page", 1, errors),
            PageSize = Number(http, "pageSize", ContentQuery.DefaultPageSize, errors),
            PublishedOnly = http.Request.Query["published"].ToString() is "true" or "True",
        };
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        return ApiResults.Answer(await query.ListAsync(type, request, ct), page =>
            TypedResults.Ok(new ContentPageDto(page.Items.Select(i => ContentItemJson.Write(i.Item)).ToList(), page.Total, page.Page, page.PageSize)));
    }

    private static async Task<Results<Created<JsonObject>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string type, JsonNode? body, HttpContext http, ContentManager content, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (ContentItemJson.Read(body, errors) is not { } item)
        {
            return ApiResults.Invalid(errors);
        }
        return ApiResults.Answer(await content.CreateAsync(type, item, ct), stored =>
        {
            ETags.SetETag(http, stored.Revision);
            return TypedResults.Created(
                $"{http.Request.PathBase}/api/content/{Uri.EscapeDataString(stored.Item.ContentType)}/{Uri.EscapeDataString(stored.Item.ContentItemId)}",
                ContentItemJson.Write(stored.Item));
        });
    }

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string type, string id, HttpContext http, ContentManager content, CancellationToken ct) =>
        ApiResults.Answer(await content.GetAsync(type, id, ct), stored => Answer(http, stored));

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string type, string id, JsonNode? body, HttpContext http, ContentManager content, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var expected = ETags.ReadIfMatch(http, errors);
        var item = ContentItemJson.Read(body, errors);
        if (item is null || errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        return ApiResults.Answer(await content.UpdateAsync(type, id, item, expected, ct), stored => Answer(http, stored));
    }

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        string type, string id, HttpContext http, ContentManager content, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var expected = ETags.ReadIfMatch(http, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        return ApiResults.Answer(await content.PublishAsync(type, id, expected, ct), stored => Answer(http, stored));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveAsync(
        string type, string id, HttpContext http, ContentManager content, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var expected = ETags.ReadIfMatch(http, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        return ApiResults.Answer(await content.RemoveAsync(type, id, expected, ct), _ => TypedResults.NoContent());
    }

    private static async Task<Results<Ok<ContentHistoryDto>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        string type, string id, ContentManager content, CancellationToken ct) =>
        ApiResults.Answer(await content.HistoryAsync(type, id, ct), history => TypedResults.Ok(new ContentHistoryDto(history.Versions, history.Trail)));

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> VersionAsync(
        string type, string id, string versionId, ContentManager content, CancellationToken ct) =>
        ApiResults.Answer(await content.VersionAsync(type, id, versionId, ct), stored => TypedResults.Ok(ContentItemJson.Write(stored.Item)));

    private static Ok<JsonObject> Answer(HttpContext http, StoredItem stored)
    {
        ETags.SetETag(http, stored.Revision);
        return TypedResults.Ok(ContentItemJson.Write(stored.Item));
    }

    private static int Number(HttpContext http, string name, int fallback, Dictionary<string, string> errors)
    {
        var text = http.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }
        if (int.TryParse(text, out var value))
        {
            return value;
        }
        errors[name] = $"{name} must be a whole number.";
        return fallback;
    }
}
