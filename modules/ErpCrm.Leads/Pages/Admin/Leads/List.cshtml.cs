using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Modules;
using ErpCrm.Money;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Leads.Pages.Admin.Leads;

/// <summary>
/// The leads as a table (<see cref="LeadService.ListAsync"/>): filtered by stage, salesperson, status and text, sorted by the
/// columns the lead index offers, a page at a time. The query lives in the URL; htmx swaps only the results.
/// </summary>
[Feature(LeadsFeature.Id)]
[RequirePermission(Permissions.ViewLeadsName)]
public sealed class ListModel(LeadService leads, PipelineStageService stages, IMoneyFormat money, IUserDirectory users) : LeadPageModel(users)
{
    public IReadOnlyList<PipelineStage> Stages { get; private set; } = [];
    public IReadOnlyList<LeadCard> Rows { get; private set; } = [];
    public long Total { get; private set; }

    public int PageCount => (int)Math.Max(1, (Total + Query.PageSize - 1) / Query.PageSize);

    public bool IsFiltered => Query.Search is not null || Query.Stage is not null || Query.Status is not null || Query.Source is not null || OwnerChoice.Length > 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ReadQuery();
        await LoadUsersAsync(ct);
        Stages = await stages.ListAsync(ct);
        if (Problems.Count == 0)
        {
            var (items, total) = await leads.ListAsync(Query, ct);
            Rows = items.Select(i => LeadCard.Of(i, money)).ToList();
            Total = total;
        }
        return PageOrPartial("_LeadResults", Problems.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>The list's address with the filters and sort, at <paramref name="page"/> (the first page when null).</summary>
    public string PageUrl(int? page, string? sort = null) => FilteredUrl(LeadAdminUrls.List,
        ("stage", Query.Stage), ("status", Query.Status?.ToString().ToLowerInvariant()),
        ("sort", (sort ?? Query.Sort) == LeadIndexQueries.DefaultSort ? null : sort ?? Query.Sort),
        ("pageSize", Query.PageSize == LeadListQuery.DefaultPageSize ? null : Number(Query.PageSize)),
        ("page", page is > 1 ? Number(page.Value) : null));

    /// <summary>The address that sorts by <paramref name="key"/>: ascending first, descending when it already sorts ascending by it.</summary>
    public string SortUrl(string key) => PageUrl(null, Query.Sort == key ? "-" + key : key);

    /// <summary>How a column header tells screen readers the order (aria-sort).</summary>
    public string? AriaSort(string key) => Query.Sort == key ? "ascending" : Query.Sort == "-" + key ? "descending" : null;
}
