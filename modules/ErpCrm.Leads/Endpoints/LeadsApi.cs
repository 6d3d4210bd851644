using System.Globalization;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Http;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Security;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ErpCrm.Leads.Endpoints;

/// <summary>
/// Leads over HTTP. Creating and changing take Orchard Core's ContentItem JSON of the Lead type (like /api/contacts), so fields an
/// admin added travel the same way; moves, losing and converting are small commands. Answers about one lead carry its revision
/// as <c>ETag</c>; a write with an older <c>If-Match</c> answers 409. <c>POST /api/leads/capture</c> is the one public endpoint:
/// a web form's plain JSON, rate-limited per client address before its body is read, at most
/// <see cref="LeadCaptureService.MaxBodyBytes"/>, and answered 202 with the same <see cref="CaptureAnswer"/> whatever the
/// capture did (a new lead, a message added to an open lead, a honeypot caught), so that it tells a visitor nothing about
/// what is stored: only a bad field of the visitor's own is named (400).
/// </summary>
public static class LeadsApi
{
    public static void MapLeadsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/leads").WithTag(Tag, "Leads and their pipeline: the public web-form capture, stages, scoring and assignment rules, activities and the report.");
        api.MapPost("/capture", CaptureAsync).AllowAnonymous().ReadsOwnBody().Accepts<LeadCaptureRequest>("application/json").WithName("CaptureLead")
            .WithSummary("Public: a web form's lead, always answered 202 {\"status\": \"received\"}")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("", ListAsync).RequirePermission(Permissions.ViewLeads).WithName("ListLeads").WithSummary("A page of leads, filtered and sorted")
            .WithQuery("stage", "Leads in this stage only.")
            .WithQuery("owner", "Leads of this user only; given empty (owner=), the unassigned leads.")
            .WithQuery("status", "Open, won or lost leads only.", ApiValueType.String, false, "open", "won", "lost")
            .WithQuery("q", "Text searched in the lead's name, company and email.")
            .WithQuery("source", "Leads from this source only.")
            .WithQuery("sort", "created, name, score, revenue, probability or stage; '-' first for descending.")
            .WithPaging(LeadListQuery.DefaultPageSize, LeadListQuery.MaxPageSize)
            .Produces<LeadPageDocument>();
        api.MapPost("", CreateAsync).RequirePermission(Permissions.ManageLeads).AcceptIdempotencyKey().WithName("CreateLead")
            .WithSummary("Creates a lead in the first open stage, scored and assigned")
            .Accepts<ContentItemDocument>("application/json").Produces<ContentItemDocument>(StatusCodes.Status201Created);
        api.MapGet("/{id}", GetAsync).RequirePermission(Permissions.ViewLeads).WithName("GetLead").WithSummary("A lead, its revision as ETag")
            .Produces<ContentItemDocument>();
        api.MapPut("/{id}", UpdateAsync).RequirePermission(Permissions.ManageLeads).WithIfMatch().WithName("UpdateLead").WithSummary("Replaces a lead's fields")
            .Accepts<ContentItemDocument>("application/json").Produces<ContentItemDocument>();
        api.MapGet("/{id}/history", HistoryAsync).RequirePermission(Permissions.ViewLeads).WithName("ListLeadHistory").WithSummary("A lead's moves and changes");
        api.MapGet("/{id}/messages", MessagesAsync).RequirePermission(Permissions.ViewLeads).WithName("ListLeadMessages")
            .WithSummary("The messages captures added to a lead");
        api.MapPost("/{id}/stage", MoveAsync).RequirePermission(Permissions.ManageLeads).WithIfMatch().WithName("MoveLead")
            .WithSummary("Moves a lead to a stage (the won stage wins it)").Accepts<StageRequest>("application/json").Produces<ContentItemDocument>();
        api.MapPost("/{id}/lost", LostAsync).RequirePermission(Permissions.ManageLeads).WithIfMatch().WithName("LoseLead")
            .WithSummary("Marks a lead lost, with the reason").Accepts<LostRequest>("application/json").Produces<ContentItemDocument>();
        api.MapPost("/{id}/convert", ConvertAsync).RequirePermission(Permissions.ManageLeads).WithName("ConvertLead")
            .WithSummary("Converts a lead to a company and/or a person (409 for a lost lead)").ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>What every accepted capture answers, whatever it did: <c>{"status": "received"}</c>.</summary>
    public sealed record CaptureAnswer(string Status)
    {
        public static readonly CaptureAnswer Received = new("received");
    }

    /// <summary>The tag of the leads' endpoints in the API reference.</summary>
    public const string Tag = "Leads";

    /// <summary>A page of leads, for the API reference (the answer is <see cref="LeadPageDto"/>).</summary>
    public sealed record LeadPageDocument(IReadOnlyList<ContentItemDocument> Items, long Total, int Page, int PageSize);

    public sealed record StageRequest(string? Stage);

    public sealed record LostRequest(string? Reason);

    /// <summary>A page of leads.</summary>
    public sealed record LeadPageDto(IReadOnlyList<JsonObject> Items, long Total, int Page, int PageSize);

    /// <summary>
    /// The public capture. The body is not bound: minimal APIs would read and parse it before this runs, and the rate limit and
    /// the size limit must come first.
    /// </summary>
    private static async Task<Results<Accepted<CaptureAnswer>, ValidationProblem, ProblemHttpResult>> CaptureAsync(
        HttpContext http, ITenantContext tenant, LeadCaptureRateLimiter limiter, LeadCaptureService capture, CancellationToken ct)
    {
        if (!limiter.TryAcquire(tenant.Name, ClientAddresses.Of(http), out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(title: "Too many requests", statusCode: StatusCodes.Status429TooManyRequests,
                detail: $"Too many leads from this address; try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} seconds.");
        }
        var body = await LimitedBodies.ReadJsonAsync(http.Request, LeadCaptureService.MaxBodyBytes, ct);
        if (body.Status == StatusCodes.Status400BadRequest)
        {
            return ApiResults.Invalid(body.Errors);
        }
        if (!body.IsRead)
        {
            return ApiResults.Problem(body.Status, body.Errors);
        }
        var errors = new Dictionary<string, string>();
        if (LeadJson.Read<LeadCaptureRequest>(body.Json, "", errors) is not { } request)
        {
            return ApiResults.Invalid(errors);
        }
        var result = await capture.CaptureAsync(request, ct);
        if (result.Status == ResultStatus.Done)
        {
            // No id and no Location: the same answer for a new lead, a repeat of an open lead and a caught bot.
            return TypedResults.Accepted((string?)null, CaptureAnswer.Received);
        }
        return result.Status == ResultStatus.Invalid ? ApiResults.Invalid(result.Errors)
            : TypedResults.Problem(title: "Not captured", detail: result.Detail, statusCode: StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<LeadPageDto>, ValidationProblem>> ListAsync(HttpContext http, LeadService leads, IContentItemService content, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var request = LeadListQuery.Parse(http.Request.Query, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var (items, total) = await leads.ListAsync(request, ct);
        return TypedResults.Ok(new LeadPageDto(items.Select(i => content.Write(i.Item)).ToList(), total, request.Page, request.PageSize));
    }

    private static async Task<Results<Created<JsonObject>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        JsonNode? body, HttpContext http, LeadService leads, IContentItemService content, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (content.Read(body, errors) is not { } item)
        {
            return ApiResults.Invalid(errors);
        }
        return ApiResults.Answer(await leads.CreateAsync(item, ct), stored =>
        {
            ETags.SetETag(http, stored.Revision);
            return TypedResults.Created($"{http.Request.PathBase}/api/leads/{Uri.EscapeDataString(stored.Item.ContentItemId)}", content.Write(stored.Item));
        });
    }

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, LeadService leads, IContentItemService content, CancellationToken ct) =>
        ApiResults.Answer(await leads.GetAsync(id, ct), stored => Ok(http, content, stored));

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, JsonNode? body, HttpContext http, LeadService leads, IContentItemService content, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var expected = ETags.ReadIfMatch(http, errors);
        var item = content.Read(body, errors);
        if (item is null || errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        return ApiResults.Answer(await leads.UpdateAsync(id, item, expected, ct), stored => Ok(http, content, stored));
    }

    private static async Task<Results<Ok<IReadOnlyList<LeadHistoryEntry>>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        string id, LeadService leads, LeadHistory history, CancellationToken ct)
    {
        var lead = await leads.GetAsync(id, ct);
        var entries = lead.Value is null ? [] : await history.ListAsync(id, ct);
        return ApiResults.Answer(lead, _ => TypedResults.Ok(entries));
    }

    private static async Task<Results<Ok<IReadOnlyList<LeadMessage>>, ValidationProblem, ProblemHttpResult>> MessagesAsync(
        string id, LeadService leads, LeadMessages messages, CancellationToken ct)
    {
        var lead = await leads.GetAsync(id, ct);
        var list = lead.Value is null ? [] : await messages.ListAsync(id, ct);
        return ApiResults.Answer(lead, _ => TypedResults.Ok(list));
    }

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> MoveAsync(
        string id, JsonNode? body, HttpContext http, LeadService leads, IContentItemService content, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var expected = ETags.ReadIfMatch(http, errors);
        var request = LeadJson.Read<StageRequest>(body, "", errors);
        return request is null || errors.Count > 0
            ? ApiResults.Invalid(errors)
            : ApiResults.Answer(await leads.MoveToStageAsync(id, request.Stage, expected, ct), stored => Ok(http, content, stored));
    }

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> LostAsync(
        string id, JsonNode? body, HttpContext http, LeadService leads, IContentItemService content, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var expected = ETags.ReadIfMatch(http, errors);
        var request = LeadJson.Read<LostRequest>(body ?? new JsonObject(), "", errors);
        return request is null || errors.Count > 0
            ? ApiResults.Invalid(errors)
            : ApiResults.Answer(await leads.MarkLostAsync(id, request.Reason, expected, ct), stored => Ok(http, content, stored));
    }

    private static async Task<Results<Ok<LeadConversion>, ValidationProblem, ProblemHttpResult>> ConvertAsync(
        string id, LeadConversionService conversion, CancellationToken ct) =>
        ApiResults.Answer(await conversion.ConvertAsync(id, ct), converted => TypedResults.Ok(converted));

    private static Ok<JsonObject> Ok(HttpContext http, IContentItemService content, StoredContentItem stored) => ApiResults.Item(http, content, stored);
}
