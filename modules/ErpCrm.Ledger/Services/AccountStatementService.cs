using ErpCrm.Data;
using ErpCrm.Ledger.Models;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// The general ledger of one account (its statement): the balance before the range and the range's totals from
/// <c>ledger_balances</c>, then the posted lines in date order with the balance after each. At most <see cref="MaxLines"/> lines are
/// listed; the totals and the closing balance always count every line, so a cut statement still ends on the right balance.
/// </summary>
public sealed class AccountStatementService(IUnitOfWork unitOfWork, PartnerNames partners)
{
    /// <summary>The most lines one statement lists.</summary>
    public const int MaxLines = 5000;

    private sealed class TotalsRow
    {
        public long Before { get; init; }
        public long Debit { get; init; }
        public long Credit { get; init; }
    }

    private sealed class LineRow
    {
        public string Date { get; init; } = "";
        public long EntryId { get; init; }
        public string? Number { get; init; }
        public string Journal { get; init; } = "";
        public string? Reference { get; init; }
        public string? Description { get; init; }
        public string? ContactId { get; init; }
        public long Debit { get; init; }
        public long Credit { get; init; }
    }

    public async Task<AccountStatement> StatementAsync(LedgerAccount account, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var parameters = new { Account = account.Code, From = LedgerDates.Text(from), To = LedgerDates.Text(to), Take = MaxLines + 1 };
        var totals = await unitOfWork.QuerySingleOrDefaultAsync<TotalsRow>("""
            SELECT CAST(COALESCE(SUM(CASE WHEN date < @From THEN debit - credit ELSE 0 END), 0) AS BIGINT) AS Before,
              CAST(COALESCE(SUM(CASE WHEN date >= @From THEN debit ELSE 0 END), 0) AS BIGINT) AS Debit,
              CAST(COALESCE(SUM(CASE WHEN date >= @From THEN credit ELSE 0 END), 0) AS BIGINT) AS Credit
            FROM ledger_balances WHERE account_code = @Account AND date <= @To
            """, parameters, cancellationToken) ?? new TotalsRow();
        var rows = await unitOfWork.QueryAsync<LineRow>("""
            SELECT l.date AS Date, l.entry_id AS EntryId, e.number AS Number, l.journal_code AS Journal, e.reference AS Reference,
              l.description AS Description, l.contact_id AS ContactId, l.debit AS Debit, l.credit AS Credit
            FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id
            WHERE l.account_code = @Account AND l.posted = 1 AND l.date >= @From AND l.date <= @To
            ORDER BY l.date, l.entry_id, l.line_no
            LIMIT @Take
            """, parameters, cancellationToken);
        var balance = totals.Before;
        var lines = new List<StatementLine>(Math.Min(rows.Count, MaxLines));
        foreach (var row in rows.Take(MaxLines))
        {
            balance += row.Debit - row.Credit;
            lines.Add(new StatementLine(LedgerDates.Parse(row.Date), row.EntryId, row.Number, row.Journal, row.Reference, row.Description,
                row.ContactId, await partners.NameOfAsync(row.ContactId, cancellationToken), row.Debit, row.Credit, balance));
        }
        return new AccountStatement(account, from, to, totals.Before, totals.Debit, totals.Credit, lines, rows.Count > MaxLines);
    }
}
