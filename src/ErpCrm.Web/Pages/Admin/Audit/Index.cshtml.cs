using System.Globalization;
using ErpCrm.Core.Identity;
using ErpCrm.Dates;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Audit;

/// <summary>The audit log, newest first, filtered by kind and by a range of UTC days; paged. htmx swaps only the results.</summary>
[RequirePermission(nameof(KernelPermissions.ViewAuditLog))]
public sealed class IndexModel(AuditLog audit) : AdminPageModel
{
    public const int PageSize = 50;

    [BindProperty(Name = "kind", SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(Name = "from", SupportsGet = true)] public string? From { get; set; }
    [BindProperty(Name = "to", SupportsGet = true)] public string? To { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public bool HasNext { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var from = Day("from", From);
        var to = Day("to", To);
        if (from is not null && to is not null && to < from)
        {
            ModelState.AddModelError("to", "The last day is before the first.");
        }
        if (Kind is { Length: > 0 } && !AuditKinds.All.Contains(Kind))
        {
            ModelState.AddModelError("kind", "Choose a kind from the list.");
        }
        PageNumber = Math.Max(1, PageNumber);
        if (ModelState.IsValid)
        {
            var rows = await audit.ListAsync(from, to?.AddDays(1), string.IsNullOrEmpty(Kind) ? null : Kind, PageNumber, PageSize + 1, ct);
            HasNext = rows.Count > PageSize;
            Entries = rows.Take(PageSize).ToList();
        }
        if (IsHtmx)
        {
            return Partial("_AuditResults", this);
        }
        return ModelState.IsValid ? Page() : Invalid();
    }

    /// <summary>The link to another page of the same filter.</summary>
    public string PageUrl(int page) =>
        Url.Content("~/admin/audit") + QueryString.Create(new Dictionary<string, string?>
        {
            ["kind"] = Kind, ["from"] = From, ["to"] = To, ["p"] = page.ToString(CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));

    private DateTimeOffset? Day(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (BusinessDates.TryRead(text, out var day, out var outsideRange))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        ModelState.AddModelError(field, outsideRange ? $"The day {BusinessDates.OutsideRange}" : "Enter a day as YYYY-MM-DD.");
        return null;
    }
}
