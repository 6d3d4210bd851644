using ErpCrm.Leads.Pages.Admin.Leads;
using System.Globalization;
using ErpCrm.Admin;
using ErpCrm.Leads.Models;
using ErpCrm.Security;

namespace ErpCrm.Leads.Services;

/// <summary>The dashboard's pipeline: open leads per stage, and their expected revenue per currency, as a bar chart linking to the report.</summary>
public sealed class PipelineWidget(LeadReportService reports) : IDashboardWidget
{
    public const string Title = "Pipeline by stage";

    public Permission? Permission => Permissions.ViewLeads;

    public int Position => 50;

    public async Task<DashboardWidgetModel> GetModelAsync(CancellationToken cancellationToken) =>
        Model(Title, await reports.PipelineAsync(cancellationToken), LeadAdminUrls.Report);

    /// <summary>
    /// The pipeline as one bar chart: open leads per stage, each stage labelled with its expected revenue (counts and amounts
    /// differ by orders of magnitude, so they do not share an axis); the report page draws the revenue as a chart of its own.
    /// </summary>
    public static DashboardWidgetModel Model(string title, IReadOnlyList<StageFigures> stages, string? link)
    {
        var open = stages.Sum(s => s.Count);
        return new DashboardWidgetModel(title, DashboardWidgetKind.Bar,
            stages.Select(s => s.ExpectedRevenue.Count == 0 ? s.Stage : $"{s.Stage} · {string.Join(", ", s.ExpectedRevenue.Select(m => m.Text))}").ToList(),
            [new DashboardSeries("Open leads", stages.Select(s => (decimal)s.Count).ToList())],
            Caption: $"{open.ToString("N0", CultureInfo.InvariantCulture)} open lead{(open == 1 ? "" : "s")}", LinkUrl: link);
    }

    /// <summary>The expected revenue of the open leads per stage, a series per currency.</summary>
    public static DashboardWidgetModel RevenueModel(string title, IReadOnlyList<StageFigures> stages)
    {
        var currencies = stages.SelectMany(s => s.ExpectedRevenue).Select(m => m.Currency).Distinct().Order(StringComparer.Ordinal).ToList();
        return new DashboardWidgetModel(title, DashboardWidgetKind.Bar, stages.Select(s => s.Stage).ToList(),
            currencies.Select(c => new DashboardSeries(c, stages.Select(s => s.ExpectedRevenue.FirstOrDefault(m => m.Currency == c)?.Amount ?? 0m).ToList())).ToList());
    }
}
