using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Ledger.Pages.Admin.Ledger.Reports;

/// <summary>
/// The general ledger of one account over a period (<see cref="AccountStatementService"/>): its opening balance, each posted line with
/// the balance after it and a link to its entry, and its closing balance. Without an account the page asks for one.
/// </summary>
[Feature(LedgerFeature.Id)]
[RequirePermission(Permissions.ViewLedgerName)]
public sealed class GeneralLedgerModel(AccountStatementService statements, AccountService accounts, AccountLookup lookup) : LedgerReportPageModel
{
    [BindProperty(Name = "account", SupportsGet = true)] public string? Account { get; set; }

    public override bool ShowsPeriod => true;

    public override bool ChoosesAccount => true;

    public AccountStatement? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var code = Account?.Trim() ?? "";
        Filters.Values["account"] = code;
        var account = code.Length == 0 ? null : await accounts.FindAsync(code, ct);
        AccountLabel = await lookup.LabelAsync(code, ct);
        if (code.Length > 0 && account is null)
        {
            Filters.Errors["account"] = $"There is no account '{code}'.";
        }
        if (await PeriodAsync(ct) is (var from, var to) && account is not null && Filters.Errors.Count == 0)
        {
            Report = await statements.StatementAsync(account, from, to, ct);
            CsvUrl = LedgerAdminUrls.Csv("general-ledger", ("account", account.Code), ("from", LedgerDates.Text(from)), ("to", LedgerDates.Text(to)));
        }
        return Shown();
    }
}
