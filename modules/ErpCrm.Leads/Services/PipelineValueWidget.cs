using ErpCrm.Admin;
using ErpCrm.Leads.Pages.Admin.Leads;
using ErpCrm.Security;

namespace ErpCrm.Leads.Services;

/// <summary>
/// The dashboard's pipeline by value, beside <see cref="PipelineWidget"/>'s count: the expected revenue of the open leads per stage,
/// a series per currency (amounts of different currencies are never added up), linking to the report.
/// </summary>
public sealed class PipelineValueWidget(LeadReportService reports) : IDashboardWidget
{
    public const string Title = "Pipeline value by stage";

    public Permission? Permission => Permissions.ViewLeads;

    public int Position => 51;

    public async Task<DashboardWidgetModel> GetModelAsync(CancellationToken cancellationToken)
    {
        var stages = await reports.PipelineAsync(cancellationToken);
        var totals = stages.SelectMany(s => s.ExpectedRevenue).GroupBy(m => m.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => LeadReportService.Money(g.Key, g.Sum(m => m.MinorUnits)).Text).ToList();
        return PipelineWidget.RevenueModel(Title, stages) with
        {
            Caption = totals.Count == 0 ? "No expected revenue on open leads" : "Expected: " + string.Join(", ", totals),
            LinkUrl = LeadAdminUrls.Report,
        };
    }
}
