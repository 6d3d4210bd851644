using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Ledger.Pages.Admin.Ledger.Reports;

/// <summary>
/// The ledger's reports, each with a line on what it answers, and the check of the books (<see cref="LedgerVerifier"/>: hash chains,
/// balanced entries, gapless numbers, balances equal to the lines), run when asked (<c>?verify=1</c>) since it reads every entry.
/// </summary>
[Feature(LedgerFeature.Id)]
[RequirePermission(Permissions.ViewLedgerName)]
public sealed class IndexModel(LedgerVerifier verifier) : LedgerPageModel
{
    [BindProperty(Name = "verify", SupportsGet = true)] public bool Verify { get; set; }

    /// <summary>What the check found, once run.</summary>
    public VerifyReport? Verification { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Verify)
        {
            Verification = await verifier.VerifyAsync(ct);
        }
        return Page();
    }

    /// <summary>The reports: title, address, what each answers.</summary>
    public static IReadOnlyList<(string Title, string Url, string Description)> Reports { get; } =
    [
        ("Trial balance", LedgerAdminUrls.TrialBalancePage, "Every account's opening balance, debits, credits and closing balance over a period; the totals show the books balance."),
        ("General ledger", LedgerAdminUrls.GeneralLedgerPage, "One account's posted lines with the running balance, each linking to its entry."),
        ("Profit and loss", LedgerAdminUrls.ProfitAndLossPage, "Income and expense over a period, the net result, and the result month by month."),
        ("Balance sheet", LedgerAdminUrls.BalanceSheetPage, "Assets, liabilities and equity at a date, with the check that they balance."),
        ("Aged receivables", LedgerAdminUrls.AgedReceivablesPage, "What each customer owes at a date, by how long it is overdue."),
        ("Aged payables", LedgerAdminUrls.AgedPayablesPage, "What is owed to each supplier at a date, by how long it is overdue."),
    ];
}
