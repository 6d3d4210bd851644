using ErpCrm.Admin;
using ErpCrm.Http;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Leads.Pages.Admin.Leads.Report;

/// <summary>
/// The leads report at <c>/admin/leads/report</c> (<see cref="LeadReportService"/>): a period form (the last 30 days by default), the
/// pipeline now and won and lost by source and by owner as charts (the host's chart partial, as on the dashboard) and as tables.
/// A bad date is said next to its field, the typed text kept, with 400.
/// </summary>
[Feature(LeadsFeature.Id)]
[RequirePermission(Permissions.ViewLeadsName)]
public sealed class IndexModel(LeadReportService reports) : PageModel
{
    [BindProperty(Name = "from", SupportsGet = true)] public string? From { get; set; }
    [BindProperty(Name = "to", SupportsGet = true)] public string? To { get; set; }

    /// <summary>The report, or null when the period is not valid.</summary>
    public LeadReport? Report { get; private set; }

    public DashboardWidgetModel? PipelineChart { get; private set; }
    public DashboardWidgetModel? RevenueChart { get; private set; }
    public DashboardWidgetModel? SourcesChart { get; private set; }
    public DashboardWidgetModel? OwnersChart { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (await reports.PeriodAsync(From, To, errors, ct) is not { } period)
        {
            ModelState.AddErrors(errors);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
        Report = await reports.ReportAsync(period.From, period.To, ct);
        (From, To) = (Report.From, Report.To);
        PipelineChart = PipelineWidget.Model("Open leads by stage", Report.Stages, null);
        RevenueChart = PipelineWidget.RevenueModel("Expected revenue by stage", Report.Stages);
        SourcesChart = ClosedChart("Won and lost by source", Report.BySource);
        OwnersChart = ClosedChart("Won and lost by owner", Report.ByOwner);
        return Page();
    }

    /// <summary>The error of a field, or null.</summary>
    public string? ErrorOf(string field) => ModelState.ErrorOf(field);

    /// <summary>Money totals as one line, e.g. "1,000.00 EUR, 300.00 USD"; a dash when there are none.</summary>
    public static string Money(IReadOnlyList<MoneyTotal> totals) => totals.Count == 0 ? "—" : string.Join(", ", totals.Select(t => t.Text));

    private static DashboardWidgetModel ClosedChart(string title, IReadOnlyList<ClosedFigures> rows) =>
        new(title, DashboardWidgetKind.Bar, rows.Select(r => r.Name).ToList(),
        [
            new DashboardSeries("Won", rows.Select(r => (decimal)r.Won).ToList()),
            new DashboardSeries("Lost", rows.Select(r => (decimal)r.Lost).ToList()),
        ]);
}
