using ErpCrm.Data;
using ErpCrm.Ledger.Models;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// The reports made of account totals: trial balance, profit and loss, balance sheet. They read <c>ledger_balances</c> only (one
/// row per account, day and closing flag, written in the posting transaction), never the lines, so they cost the same over a
/// thousand lines or a million. Their invariants:
/// - trial balance: closing = opening + debit − credit per account (a debit balance positive); the year-end closing entry counts,
///   so a range after a close is the post-closing trial balance; totals of debit and credit are equal when the books balance;
/// - profit and loss: income and expense accounts only, year-end closing rows left out (the close must not zero the year's result);
/// - balance sheet: everything up to the date, closing rows included, so assets = liabilities + equity + the current fiscal year's
///   result + the result of earlier years not closed — always, as every posted entry balances.
/// </summary>
public sealed class LedgerReportService(IUnitOfWork unitOfWork, FiscalYearService years)
{
    /// <summary>A profit and loss over at most this many months lists every month; over a longer range, only months with movements.</summary>
    public const int MaxChartMonths = 120;

    private sealed class AccountTotalsRow
    {
        public string Account { get; init; } = "";
        public string? Name { get; init; }
        public string? Type { get; init; }
        public string? Subtype { get; init; }
        public long Before { get; init; }
        public long Debit { get; init; }
        public long Credit { get; init; }
    }

    private sealed class MonthRow
    {
        public string Month { get; init; } = "";
        public string Type { get; init; } = "";
        public long Amount { get; init; }
    }

    /// <summary>Per account: the balance before <paramref name="from"/>, debit and credit from it to <paramref name="to"/>. Accounts
    /// without a balance or a movement are left out.</summary>
    public async Task<TrialBalance> TrialBalanceAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await unitOfWork.QueryAsync<AccountTotalsRow>("""
            SELECT t.account_code AS Account, a.name AS Name, a.type AS Type, a.subtype AS Subtype, t.before_total AS Before, t.debit AS Debit, t.credit AS Credit
            FROM (
              SELECT account_code,
                CAST(SUM(CASE WHEN date < @From THEN debit - credit ELSE 0 END) AS BIGINT) AS before_total,
                CAST(SUM(CASE WHEN date >= @From THEN debit ELSE 0 END) AS BIGINT) AS debit,
                CAST(SUM(CASE WHEN date >= @From THEN credit ELSE 0 END) AS BIGINT) AS credit
              FROM ledger_balances WHERE date <= @To GROUP BY account_code
            ) t
            LEFT JOIN ledger_accounts a ON a.code = t.account_code
            WHERE t.before_total <> 0 OR t.debit <> 0 OR t.credit <> 0
            ORDER BY t.account_code
            """, new { From = LedgerDates.Text(from), To = LedgerDates.Text(to) }, cancellationToken);
        return new TrialBalance(from, to, rows.Select(r => new TrialBalanceLine(r.Account, r.Name ?? r.Account, r.Type ?? "", r.Before, r.Debit, r.Credit)).ToList());
    }

    /// <summary>Income and expense from <paramref name="from"/> to <paramref name="to"/>, without year-end closing rows, with the result
    /// of each month in the range for a chart (months without movement included, up to <see cref="MaxChartMonths"/>).</summary>
    public async Task<ProfitAndLoss> ProfitAndLossAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var parameters = new { From = LedgerDates.Text(from), To = LedgerDates.Text(to), Income = AccountTypes.Income, Expense = AccountTypes.Expense };
        var rows = await unitOfWork.QueryAsync<AccountTotalsRow>("""
            SELECT b.account_code AS Account, a.name AS Name, a.type AS Type, a.subtype AS Subtype,
              CAST(SUM(b.debit) AS BIGINT) AS Debit, CAST(SUM(b.credit) AS BIGINT) AS Credit
            FROM ledger_balances b JOIN ledger_accounts a ON a.code = b.account_code
            WHERE b.is_closing = 0 AND b.date >= @From AND b.date <= @To AND a.type IN (@Income, @Expense)
            GROUP BY b.account_code, a.name, a.type, a.subtype
            ORDER BY b.account_code
            """, parameters, cancellationToken);
        var months = await unitOfWork.QueryAsync<MonthRow>("""
            SELECT substr(b.date, 1, 7) AS Month, a.type AS Type, CAST(SUM(b.credit - b.debit) AS BIGINT) AS Amount
            FROM ledger_balances b JOIN ledger_accounts a ON a.code = b.account_code
            WHERE b.is_closing = 0 AND b.date >= @From AND b.date <= @To AND a.type IN (@Income, @Expense)
            GROUP BY substr(b.date, 1, 7), a.type
            """, parameters, cancellationToken);
        var byMonth = months.ToLookup(m => m.Month);
        var first = new DateOnly(from.Year, from.Month, 1);
        var count = (to.Year - first.Year) * 12 + to.Month - first.Month + 1;
        var keys = count <= MaxChartMonths
            ? Enumerable.Range(0, count)
                .Select(i => first.AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))
            : byMonth.Select(g => g.Key).Order(StringComparer.Ordinal);
        var series = new List<ProfitAndLossMonth>();
        foreach (var key in keys)
        {
            var figures = byMonth[key].ToList();
            series.Add(new ProfitAndLossMonth(key,
                figures.Where(f => f.Type == AccountTypes.Income).Sum(f => f.Amount),
                -figures.Where(f => f.Type == AccountTypes.Expense).Sum(f => f.Amount)));
        }
        return new ProfitAndLoss(from, to,
            Section(AccountTypes.Income, rows, r => r.Credit - r.Debit, dropZero: false),
            Section(AccountTypes.Expense, rows, r => r.Debit - r.Credit, dropZero: false),
            series);
    }

    /// <summary>The balance sheet at the end of <paramref name="at"/>. See the class's invariants.</summary>
    public async Task<BalanceSheet> BalanceSheetAsync(DateOnly at, CancellationToken cancellationToken)
    {
        var year = await years.ForDateAsync(at, cancellationToken);
        var rows = await unitOfWork.QueryAsync<AccountTotalsRow>("""
            SELECT t.account_code AS Account, a.name AS Name, a.type AS Type, a.subtype AS Subtype, t.before_total AS Before, t.debit AS Debit, t.credit AS Credit
            FROM (
              SELECT account_code,
                CAST(SUM(CASE WHEN date < @YearStart THEN debit - credit ELSE 0 END) AS BIGINT) AS before_total,
                CAST(SUM(debit) AS BIGINT) AS debit, CAST(SUM(credit) AS BIGINT) AS credit
              FROM ledger_balances WHERE date <= @At GROUP BY account_code
            ) t
            LEFT JOIN ledger_accounts a ON a.code = t.account_code
            ORDER BY t.account_code
            """, new { At = LedgerDates.Text(at), YearStart = LedgerDates.Text(year.Start) }, cancellationToken);
        // A balance on an account the chart does not have (never expected: accounts with entries stay) shows among the assets
        // rather than vanishing, and the sheet then reads unbalanced; verify tells more.
        static bool IsKnown(AccountTotalsRow r) => r.Type is not null && AccountTypes.All.Contains(r.Type);
        var profitAndLoss = rows.Where(r => IsKnown(r) && AccountTypes.IsProfitAndLoss(r.Type!)).ToList();
        // Income − expense is credit − debit over both types; the balance before the year is stored as debit − credit.
        var earlier = -profitAndLoss.Sum(r => r.Before);
        var current = profitAndLoss.Sum(r => r.Credit - r.Debit) - earlier;
        return new BalanceSheet(at, year,
            Section(AccountTypes.Asset, rows, r => r.Debit - r.Credit, dropZero: true, include: r => !IsKnown(r) || r.Type == AccountTypes.Asset),
            Section(AccountTypes.Liability, rows, r => r.Credit - r.Debit, dropZero: true),
            Section(AccountTypes.Equity, rows, r => r.Credit - r.Debit, dropZero: true),
            current, earlier);
    }

    private static ReportSection Section(string type, IReadOnlyList<AccountTotalsRow> rows, Func<AccountTotalsRow, long> amount, bool dropZero,
        Func<AccountTotalsRow, bool>? include = null) =>
        new(type, rows.Where(include ?? (r => r.Type == type))
            .Select(r => new ReportAccountLine(r.Account, r.Name ?? r.Account, r.Subtype, amount(r)))
            .Where(l => !dropZero || l.Amount != 0)
            .OrderBy(l => l.Account, StringComparer.Ordinal)
            .ToList());
}
