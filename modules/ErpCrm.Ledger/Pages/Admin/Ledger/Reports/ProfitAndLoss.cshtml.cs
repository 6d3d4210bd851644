using ErpCrm.Admin;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Ledger.Pages.Admin.Ledger.Reports;

/// <summary>
/// The profit and loss of a period (<see cref="LedgerReportService.ProfitAndLossAsync"/>): income and expense per account, each
/// drilling down to its general ledger, the net result, and income, expense and result per month as a chart.
/// </summary>
[Feature(LedgerFeature.Id)]
[RequirePermission(Permissions.ViewLedgerName)]
public sealed class ProfitAndLossModel(LedgerReportService reports) : LedgerReportPageModel
{
    public override bool ShowsPeriod => true;

    public ProfitAndLoss? Report { get; private set; }

    public DashboardWidgetModel? Chart { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await PeriodAsync(ct) is (var from, var to))
        {
            Report = await reports.ProfitAndLossAsync(from, to, ct);
            Chart = LedgerCharts.ProfitAndLossByMonth($"Income, expense and result by month ({Settings.BaseCurrency})", Report, Settings.BaseDigits);
            CsvUrl = LedgerAdminUrls.Csv("profit-and-loss", ("from", LedgerDates.Text(from)), ("to", LedgerDates.Text(to)));
        }
        return Shown();
    }
}
