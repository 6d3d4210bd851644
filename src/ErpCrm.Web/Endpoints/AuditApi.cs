using System.Globalization;
using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Web.Endpoints;

/// <summary>The tenant's audit log over HTTP, newest first, filtered by time and kind.</summary>
internal static class AuditApi
{
    public const int DefaultPageSize = 50;

    /// <summary>Keeps the offset of the last page within what the databases accept.</summary>
    public const int MaxPage = 1_000_000;

    public sealed record AuditPageDto(int Page, int PageSize, IReadOnlyList<AuditEntry> Entries);

    public static void MapAuditApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/audit", ListAsync)
            .RequirePermission(KernelPermissions.ViewAuditLog)
            .WithKernelTag("Audit")
            .WithName("ListAuditEntries")
            .WithSummary("The audit log, newest first, filtered by time and kind");

    /// <summary>
    /// <c>from</c> (inclusive) and <c>to</c> (exclusive) are ISO 8601 dates or times, UTC unless they carry an offset;
    /// <c>kind</c> is one of <see cref="AuditKinds.All"/>. The query is read as text so that a bad value is named, not a bare 400.
    /// </summary>
    private static async Task<Results<Ok<AuditPageDto>, ValidationProblem>> ListAsync(
        string? from, string? to, string? kind, string? page, string? pageSize, AuditLog audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var since = ParseTime(from, "from", errors);
        var until = ParseTime(to, "to", errors);
        if (since is not null && until is not null && since >= until)
        {
            errors["to"] = "'to' must be later than 'from'.";
        }
        if (!string.IsNullOrEmpty(kind) && !AuditKinds.All.Contains(kind))
        {
            errors["kind"] = $"Unknown kind '{kind}'. The kinds are: {string.Join(", ", AuditKinds.All)}.";
        }
        var pageNumber = ParseNumber(page, "page", MaxPage, 1, errors);
        var size = ParseNumber(pageSize, "pageSize", AuditLog.MaxPageSize, DefaultPageSize, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var entries = await audit.ListAsync(since, until, string.IsNullOrEmpty(kind) ? null : kind, pageNumber, size, ct);
        return TypedResults.Ok(new AuditPageDto(pageNumber, size, entries));
    }

    private static DateTimeOffset? ParseTime(string? value, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }
        errors[field] = $"'{value}' is not a date or time: use ISO 8601, e.g. 2025-01-31 or 2025-01-31T08:00:00Z.";
        return null;
    }

    private static int ParseNumber(string? value, string field, int max, int fallback, Dictionary<string, string> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= max)
        {
            return number;
        }
        errors[field] = $"'{field}' must be a whole number from 1 to {max}.";
        return fallback;
    }
}
