using System.Globalization;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Http;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Security;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ErpCrm.Ledger.Endpoints;

/// <summary>
/// Journal entries and partner matching over HTTP. ViewLedger reads; PostEntries writes drafts, posts, reverses and matches. An
/// entry's version is its <c>ETag</c>; changing, deleting or posting a draft with an older <c>If-Match</c> answers 409. Creating
/// calls honour <c>Idempotency-Key</c>.
/// </summary>
public static class LedgerApi
{
    /// <summary>The tag of the ledger's endpoints in the API reference.</summary>
    public const string Tag = "Ledger";

    public sealed record ReverseBody(string? Date);

    public sealed record MatchBody(IReadOnlyList<long>? LineIds);

    public sealed record MatchDto(IReadOnlyList<MatchLineDto> Matches, IReadOnlyList<OpenLineDto> Lines);

    public sealed record MatchLineDto(long Id, long DebitLineId, long CreditLineId, string Amount, string Date);

    public sealed record OpenLineDto(long Id, string Open);

    public static void MapLedgerApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/ledger").WithTag(Tag, "The books: journal entries (drafts, posting, reversal), partner matching, the reports and the chain check.");
        api.MapGet("/entries", ListAsync).RequirePermission(Permissions.ViewLedger).WithName("ListEntries").WithSummary("A page of journal entries, filtered")
            .WithQuery("journal", "Entries of this journal only (its code).")
            .WithQuery("from", "Entries dated on or after this day.", ApiValueType.Date)
            .WithQuery("to", "Entries dated on or before this day.", ApiValueType.Date)
            .WithQuery("account", "Entries with a line on this account only (its code).")
            .WithQuery("state", "Drafts or posted entries only.", ApiValueType.String, false, "draft", "posted")
            .WithQuery("q", "Text searched in the number and reference.")
            .WithPaging(50, EntryQueries.MaxPageSize);
        api.MapPost("/entries", CreateAsync).RequirePermission(Permissions.PostEntries).AcceptIdempotencyKey().WithName("CreateEntry")
            .WithSummary("Records a draft entry, or posts it with \"post\": true (409 on a locked date)")
            .Accepts<EntryRequest>("application/json").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/entries/batch", BatchAsync).RequirePermission(Permissions.PostEntries).AcceptIdempotencyKey().WithName("PostEntryBatch")
            .WithSummary("Posts up to 10,000 entries, all or none").Accepts<EntryBatchRequest>("application/json").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/entries/{id:long}", GetAsync).RequirePermission(Permissions.ViewLedger).WithName("GetEntry").WithSummary("An entry with its lines, its version as ETag");
        api.MapPut("/entries/{id:long}", UpdateAsync).RequirePermission(Permissions.PostEntries).WithIfMatch().WithName("UpdateEntry")
            .WithSummary("Replaces a draft (and posts it with \"post\": true)").Accepts<EntryRequest>("application/json");
        api.MapDelete("/entries/{id:long}", DeleteAsync).RequirePermission(Permissions.PostEntries).WithIfMatch().WithName("DeleteEntry")
            .WithSummary("Deletes a draft (posted entries never change)");
        api.MapPost("/entries/{id:long}/post", PostAsync).RequirePermission(Permissions.PostEntries).WithIfMatch().WithName("PostEntry")
            .WithSummary("Posts a draft");
        api.MapPost("/entries/{id:long}/reverse", ReverseAsync).RequirePermission(Permissions.PostEntries).AcceptIdempotencyKey().WithName("ReverseEntry")
            .WithSummary("Reverses a posted entry with a mirrored one, once (409 after)").Accepts<ReverseBody>("application/json").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/match", MatchAsync).RequirePermission(Permissions.PostEntries).AcceptIdempotencyKey().WithName("MatchLines")
            .WithSummary("Matches invoice and payment lines of one partner account, oldest first").Accepts<MatchBody>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/match/{lineId:long}", UnmatchAsync).RequirePermission(Permissions.PostEntries).WithName("UnmatchLine")
            .WithSummary("Removes a line's matches");
    }

    private static async Task<Results<Ok<EntryPageDto>, ValidationProblem>> ListAsync(HttpContext http, EntryQueries queries, LedgerSettingsService settings,
        AccountService accounts, JournalService journals, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var query = http.Request.Query;
        var journal = Blank(query["journal"])?.ToUpperInvariant();
        if (journal is not null && !(await journals.AllAsync(ct)).ContainsKey(journal))
        {
            errors["journal"] = $"journal '{journal}' does not exist.";
        }
        var from = QueryDate(query, "from", errors);
        var to = QueryDate(query, "to", errors);
        if (from > to)
        {
            errors["to"] = "to is on or after from.";
        }
        var account = Blank(query["account"]);
        if (account is not null && await accounts.FindAsync(account, ct) is null)
        {
            errors["account"] = $"account '{account}' does not exist.";
        }
        var state = Blank(query["state"])?.ToLowerInvariant();
        if (state is not null and not (EntryStates.Draft or EntryStates.Posted))
        {
            errors["state"] = "state is draft or posted (or left out for both).";
        }
        var page = ApiResults.QueryNumber(http, "page", 1, 1, 100_000, errors);
        var pageSize = ApiResults.QueryNumber(http, "pageSize", 50, 1, EntryQueries.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var found = await queries.ListAsync(new EntryFilter(journal, from, to, account, state, Blank(query["q"]), page, pageSize), ct);
        var dtos = await LedgerDtos.CreateAsync(settings, accounts, ct);
        return TypedResults.Ok(new EntryPageDto(found.Items.Select(e => dtos.Entry(e, withLines: false)).ToList(), found.Total, page, pageSize));
    }

    private static async Task<Results<Created<EntryDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(JsonNode? body, HttpContext http,
        EntryRequestReader reader, LedgerPostingService posting, LedgerSettingsService settings, AccountService accounts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var (entry, post) = await reader.ReadAsync(body, "", errors, ct);
        if (entry is null)
        {
            return ApiResults.Invalid(errors);
        }
        var result = await posting.CreateAsync(entry, post, ct);
        var dtos = await LedgerDtos.CreateAsync(settings, accounts, ct);
        return ApiResults.Answer(result, created =>
        {
            ETags.SetETag(http, created.Version);
            return TypedResults.Created($"{http.Request.PathBase}/api/ledger/entries/{created.Id}", dtos.Entry(created));
        });
    }

    private static async Task<Results<Ok<IReadOnlyList<EntryDto>>, ValidationProblem, ProblemHttpResult>> BatchAsync(JsonNode? body,
        EntryRequestReader reader, LedgerPostingService posting, LedgerSettingsService settings, AccountService accounts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (await reader.ReadBatchAsync(body, errors, ct) is not { } entries)
        {
            return ApiResults.Invalid(errors);
        }
        var result = await posting.PostBatchAsync(entries, ct);
        var dtos = await LedgerDtos.CreateAsync(settings, accounts, ct);
        return ApiResults.Answer(result, posted => TypedResults.Ok<IReadOnlyList<EntryDto>>(posted.Select(e => dtos.Entry(e, withLines: false)).ToList()));
    }

    private static async Task<Results<Ok<EntryDto>, ProblemHttpResult>> GetAsync(long id, HttpContext http, EntryQueries queries,
        LedgerSettingsService settings, AccountService accounts, CancellationToken ct)
    {
        if (await queries.GetAsync(id, ct) is not { } entry)
        {
            return ApiResults.NotFound($"There is no journal entry {id}.");
        }
        ETags.SetETag(http, entry.Version);
        return TypedResults.Ok((await LedgerDtos.CreateAsync(settings, accounts, ct)).Entry(entry));
    }

    private static async Task<Results<Ok<EntryDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(long id, JsonNode? body, HttpContext http,
        EntryRequestReader reader, LedgerPostingService posting, LedgerSettingsService settings, AccountService accounts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var expected = ETags.ReadIfMatch(http, errors);
        var (entry, post) = await reader.ReadAsync(body, "", errors, ct);
        if (entry is null || errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var result = await posting.UpdateDraftAsync(id, (int?)expected, entry, ct);
        if (post && result.Status == ResultStatus.Done)
        {
            result = await posting.PostDraftAsync(id, result.Value!.Version, ct);
        }
        var dtos = await LedgerDtos.CreateAsync(settings, accounts, ct);
        return ApiResults.Answer(result, changed =>
        {
            ETags.SetETag(http, changed.Version);
            return TypedResults.Ok(dtos.Entry(changed));
        });
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(long id, HttpContext http, LedgerPostingService posting, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var expected = ETags.ReadIfMatch(http, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        return ApiResults.Answer(await posting.DeleteDraftAsync(id, (int?)expected, ct), _ => TypedResults.NoContent());
    }

    private static async Task<Results<Ok<EntryDto>, ValidationProblem, ProblemHttpResult>> PostAsync(long id, HttpContext http, LedgerPostingService posting,
        LedgerSettingsService settings, AccountService accounts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var expected = ETags.ReadIfMatch(http, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var result = await posting.PostDraftAsync(id, (int?)expected, ct);
        var dtos = await LedgerDtos.CreateAsync(settings, accounts, ct);
        return ApiResults.Answer(result, posted =>
        {
            ETags.SetETag(http, posted.Version);
            return TypedResults.Ok(dtos.Entry(posted));
        });
    }

    private static async Task<Results<Created<EntryDto>, ValidationProblem, ProblemHttpResult>> ReverseAsync(long id, JsonNode? body, HttpContext http,
        LedgerPostingService posting, LedgerSettingsService settings, AccountService accounts, ITenantClock clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var input = body is null ? new ReverseBody(null) : JsonBodies.Read<ReverseBody>(body, "", errors);
        if (input is null)
        {
            return ApiResults.Invalid(errors);
        }
        DateOnly date;
        if (input.Date is null)
        {
            date = await clock.GetTodayAsync(ct);
        }
        else if (LedgerDates.Accept(input.Date) is { } given)
        {
            date = given;
        }
        else
        {
            return ApiResults.Invalid(new Dictionary<string, string> { ["date"] = LedgerDates.Refusal("date", input.Date, "date must be a date (yyyy-MM-dd), or left out for today.") });
        }
        var result = await posting.ReverseAsync(id, date, ct);
        var dtos = await LedgerDtos.CreateAsync(settings, accounts, ct);
        return ApiResults.Answer(result, reversal =>
            TypedResults.Created($"{http.Request.PathBase}/api/ledger/entries/{reversal.Id}", dtos.Entry(reversal)));
    }

    private static async Task<Results<Ok<MatchDto>, ValidationProblem, ProblemHttpResult>> MatchAsync(JsonNode? body, HttpContext http,
        MatchingService matching, LedgerSettingsService settings, AccountService accounts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (JsonBodies.Read<MatchBody>(body, "", errors) is not { LineIds: { } ids })
        {
            if (errors.Count == 0)
            {
                errors["lineIds"] = "lineIds is required: the ids of the lines to match.";
            }
            return ApiResults.Invalid(errors);
        }
        var result = await matching.MatchAsync(ids, ct);
        var dtos = await LedgerDtos.CreateAsync(settings, accounts, ct);
        return ApiResults.Answer(result, done => TypedResults.Ok(new MatchDto(
            done.Matches.Select(m => new MatchLineDto(m.Id, m.DebitLineId, m.CreditLineId, dtos.Base(m.Amount), LedgerDates.Text(m.Date))).ToList(),
            done.Open.Select(o => new OpenLineDto(o.LineId, dtos.Base(o.Residual))).ToList())));
    }

    private static async Task<Ok<object>> UnmatchAsync(long lineId, MatchingService matching, CancellationToken ct) =>
        TypedResults.Ok<object>(new { removed = await matching.UnmatchAsync(lineId, ct) });

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A yyyy-MM-dd query value, null when absent; an error keyed by its name when it does not read.</summary>
    internal static DateOnly? QueryDate(IQueryCollection query, string name, IDictionary<string, string> errors)
    {
        var text = Blank(query[name]);
        if (text is null)
        {
            return null;
        }
        var date = LedgerDates.Accept(text);
        if (date is null)
        {
            errors[name] = LedgerDates.Refusal(name, text, $"{name} must be a date (yyyy-MM-dd).");
        }
        return date;
    }
}
