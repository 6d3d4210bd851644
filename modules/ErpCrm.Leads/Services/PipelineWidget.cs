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
        Model(Title, await reports.PipelineAsync(cancellationToken), ActivitiesAdminMenu.Report);

    /// <summary>The pipeline as a chart: a series of counts, and one of expected revenue per currency (the report page draws the same).</summary>
    public static DashboardWidgetModel Model(string title, IReadOnlyList<StageFigures> stages, string? link)
    {
        var currencies = stages.SelectMany(s => s.ExpectedRevenue).Select(m => m.Currency).Distinct().Order(StringComparer.Ordinal).ToList();
        var series = new List<DashboardSeries> { new("Open leads", stages.Select(s => (decimal)s.Count).ToList()) };
        series.AddRange(currencies.Select(c => new DashboardSeries($"Expected revenue ({c})",
            stages.Select(s => s.ExpectedRevenue.FirstOrDefault(m => m.Currency == c)?.Amount ?? 0m).ToList())));
        var open = stages.Sum(s => s.Count);
        return new DashboardWidgetModel(title, DashboardWidgetKind.Bar, stages.Select(s => s.Stage).ToList(), series,
            Caption: $"{open.ToString("N0", CultureInfo.InvariantCulture)} open lead{(open == 1 ? "" : "s")}", LinkUrl: link);
    }
}
