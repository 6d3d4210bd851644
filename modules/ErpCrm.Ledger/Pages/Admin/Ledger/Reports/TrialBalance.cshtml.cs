using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Ledger.Pages.Admin.Ledger.Reports;

/// <summary>The trial balance of a period (<see cref="LedgerReportService.TrialBalanceAsync"/>); each account drills down to its general ledger over the same period.</summary>
[Feature(LedgerFeature.Id)]
[RequirePermission(Permissions.ViewLedgerName)]
public sealed class TrialBalanceModel(LedgerReportService reports) : LedgerReportPageModel
{
    public override bool ShowsPeriod => true;

    public TrialBalance? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await PeriodAsync(ct) is (var from, var to))
        {
            Report = await reports.TrialBalanceAsync(from, to, ct);
            CsvUrl = LedgerAdminUrls.Csv("trial-balance", ("from", LedgerDates.Text(from)), ("to", LedgerDates.Text(to)));
        }
        return Shown();
    }
}
