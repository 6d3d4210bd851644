using ErpCrm.Content;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// Closes a fiscal year: one closing entry in GEN on the year's last day brings every income and expense account of the year to zero
/// against retained earnings, the year is marked closed and the lock date moves to its end. The closing entry's lines are kept apart
/// in the balances (<c>is_closing</c>), so the year's profit and loss still reads as it was while the balance sheet shows the result
/// in retained earnings. Earlier years with entries close first; drafts dated in the year must be posted or deleted first.
/// </summary>
public sealed class YearEndCloseService(IUnitOfWork unitOfWork, FiscalYearService years, AccountService accounts, LedgerSettingsService settings,
    LedgerPostingService posting)
{
    public const string ClosingJournal = "GEN";

    public async Task<Result<FiscalYear>> CloseAsync(string name, string? retainedEarningsAccount, CancellationToken cancellationToken)
    {
        // Take the settings row, then every journal's row, before reading anything: postings hold their journals' rows while they check
        // the lock date read on them, so those in flight commit before the balances below are read, those after wait for this close and
        // then see the year closed, and a second close of the same year waits for this one and then finds it closed.
        await unitOfWork.ExecuteAsync("UPDATE ledger_settings SET lock_date = lock_date WHERE id = 1", cancellationToken: cancellationToken);
        await JournalLocks.LockAllAsync(unitOfWork, cancellationToken);
        // The years and settings as committed now, not as cached: the close decides on them, and changes both.
        await years.ChangingAsync(cancellationToken);
        await settings.ChangingAsync(cancellationToken);
        var all = await years.ListAsync(cancellationToken);
        if (all.FirstOrDefault(y => y.Name == name) is not { } year)
        {
            return Result.NotFound($"There is no fiscal year {name}.");
        }
        if (year.State == FiscalYear.Closed)
        {
            return Result.Conflict($"Fiscal year {name} is already closed.");
        }
        if (all.FirstOrDefault(y => y.End < year.Start && y.State == FiscalYear.Open) is { } earlier)
        {
            return Result.Conflict($"Close fiscal year {earlier.Name} first: years close in order.");
        }
        var drafts = await unitOfWork.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ledger_entries WHERE state = 'draft' AND date >= @From AND date <= @To",
            new { From = LedgerDates.Text(year.Start), To = LedgerDates.Text(year.End) }, cancellationToken);
        if (drafts > 0)
        {
            return Result.Conflict($"{drafts} draft entr{(drafts == 1 ? "y is" : "ies are")} dated in {name}: post or delete {(drafts == 1 ? "it" : "them")} first.");
        }
        var chart = await accounts.AllAsync(cancellationToken);
        LedgerAccount? retained;
        if (retainedEarningsAccount is not null)
        {
            retained = chart.GetValueOrDefault(retainedEarningsAccount);
            if (retained is null || retained.Type != AccountTypes.Equity || !retained.Active)
            {
                return Result.Invalid("account", $"account '{retainedEarningsAccount}' is not an active equity account.");
            }
        }
        else
        {
            var candidates = chart.Values.Where(a => a.Subtype == AccountSubtypes.RetainedEarnings && a.Active).ToList();
            if (candidates.Count != 1)
            {
                return Result.Invalid("account", candidates.Count == 0
                    ? "No active account has the subtype retained_earnings: add one, or name the equity account that takes the year's result."
                    : $"Several accounts are retained earnings ({string.Join(", ", candidates.Select(a => a.Code))}): name the one that takes the year's result.");
            }
            retained = candidates[0];
        }
        var balances = await unitOfWork.QueryAsync<(string Account, long Balance)>("""
            SELECT account_code, CAST(SUM(debit - credit) AS BIGINT) FROM ledger_balances
            WHERE date >= @From AND date <= @To AND is_closing = 0 GROUP BY account_code
            """, new { From = LedgerDates.Text(year.Start), To = LedgerDates.Text(year.End) }, cancellationToken);
        var lines = new List<LineDraft>();
        foreach (var (account, balance) in balances.Where(b => b.Balance != 0 && chart.TryGetValue(b.Account, out var a) && AccountTypes.IsProfitAndLoss(a.Type))
                     .OrderBy(b => b.Account, StringComparer.Ordinal))
        {
            lines.Add(balance > 0 ? new LineDraft(account, 0, balance) : new LineDraft(account, -balance, 0));
        }
        long? closingId = null;
        if (lines.Count > 0)
        {
            var result = lines.Sum(l => l.Debit - l.Credit);
            if (result != 0)
            {
                lines.Add(result > 0 ? new LineDraft(retained.Code, 0, result) { Description = $"Result of {name}" }
                    : new LineDraft(retained.Code, -result, 0) { Description = $"Result of {name}" });
            }
            var closing = await posting.PostClosingAsync(new EntryDraft(ClosingJournal, year.End, $"Year-end close {name}", lines), cancellationToken);
            if (closing.Status != ResultStatus.Done)
            {
                return closing.Failure!;
            }
            closingId = closing.Value!.Id;
        }
        await years.MarkClosedAsync(name, closingId, cancellationToken);
        var current = await settings.GetAsync(cancellationToken);
        if (current.LockDate is null || current.LockDate < year.End)
        {
            var locked = await settings.UpdateAsync(null, LedgerDates.Text(year.End), null, cancellationToken);
            if (locked.Status != ResultStatus.Done)
            {
                return locked.Failure!;
            }
        }
        return Result.Done(year with { State = FiscalYear.Closed, ClosingEntryId = closingId });
    }
}
