using ErpCrm.Http;
using ErpCrm.Leads.Models;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Leads.Services;

/// <summary>
/// Reads a lead list's query string the one way for /api/leads, the lead list page and the kanban: <c>stage</c>, <c>owner</c>
/// (present but empty: unassigned leads; absent: everyone's), <c>status</c>, <c>q</c>, <c>source</c>, <c>sort</c>
/// (one of <see cref="LeadIndexQueries.Sorts"/>, '-' first for descending), <c>page</c> and <c>pageSize</c>. Every bad value is
/// an error keyed by its parameter; the request still comes back (with the defaults in their place) so a page can show it.
/// </summary>
public static class LeadListQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static LeadListRequest Parse(IQueryCollection query, IDictionary<string, string> errors)
    {
        LeadStatus? status = query["status"].ToString() switch
        {
            "" => null,
            var text when Enum.TryParse<LeadStatus>(text, ignoreCase: true, out var parsed) && !int.TryParse(text, out _) => parsed,
            _ => Error<LeadStatus?>(errors, "status", "status is open, won or lost."),
        };
        var sort = query["sort"].ToString() is { Length: > 0 } given ? given : LeadIndexQueries.DefaultSort;
        if (!LeadIndexQueries.Sorts.ContainsKey(sort.TrimStart('-')) || sort.StartsWith("--", StringComparison.Ordinal))
        {
            errors["sort"] = $"sort is one of {string.Join(", ", LeadIndexQueries.Sorts.Keys)}, with '-' first for descending (e.g. -score).";
            sort = LeadIndexQueries.DefaultSort;
        }
        var page = ApiResults.QueryNumber(query, "page", 1, 1, int.MaxValue / MaxPageSize, errors);
        var pageSize = ApiResults.QueryNumber(query, "pageSize", DefaultPageSize, 1, MaxPageSize, errors);
        return new LeadListRequest(
            Text(query, "stage"),
            query.ContainsKey("owner") ? query["owner"].ToString().Trim() : null,
            Text(query, "q"),
            status, page, pageSize, sort,
            Text(query, "source"));
    }

    private static string? Text(IQueryCollection query, string name) => query[name].ToString().Trim() is { Length: > 0 } text ? text : null;

    private static T Error<T>(IDictionary<string, string> errors, string name, string message)
    {
        errors[name] = message;
        return default!;
    }
}
