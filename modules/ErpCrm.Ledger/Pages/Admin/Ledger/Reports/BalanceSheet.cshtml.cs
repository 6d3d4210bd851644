using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Ledger.Pages.Admin.Ledger.Reports;

/// <summary>
/// The balance sheet at the end of a day (<see cref="LedgerReportService.BalanceSheetAsync"/>): assets, liabilities, equity and the
/// results not yet carried into retained earnings, with the check that assets = liabilities + equity + results in plain sight. Each
/// account drills down to its general ledger from the start of the fiscal year to the day.
/// </summary>
[Feature(LedgerFeature.Id)]
[RequirePermission(Permissions.ViewLedgerName)]
public sealed class BalanceSheetModel(LedgerReportService reports) : LedgerReportPageModel
{
    public override bool ShowsPeriod => false;

    public BalanceSheet? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await DayAsync(ct) is { } at)
        {
            Report = await reports.BalanceSheetAsync(at, ct);
            CsvUrl = LedgerAdminUrls.Csv("balance-sheet", ("at", LedgerDates.Text(at)));
        }
        return Shown();
    }
}
