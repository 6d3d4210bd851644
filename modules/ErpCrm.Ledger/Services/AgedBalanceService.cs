using ErpCrm.Data;
using ErpCrm.Ledger.Models;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// Aged receivables and payables from open items. At a date, an open item is a posted line dated on or before it, on an account of
/// subtype receivable (or payable), whose amount is not fully matched by lines dated on or before it too: a payment made later
/// does not settle an invoice at an earlier date. What is left is aged from the entry's due date (else its date) into
/// <see cref="AgeBucket"/>s and totalled per partner. Amounts read on the report's side: a receivable's debit and a payable's credit
/// are positive; an unmatched payment counts negative.
/// </summary>
public sealed class AgedBalanceService(IUnitOfWork unitOfWork, PartnerNames partners)
{
    private sealed class ItemRow
    {
        public long LineId { get; init; }
        public long EntryId { get; init; }
        public string? Number { get; init; }
        public string Account { get; init; } = "";
        public string? ContactId { get; init; }
        public string Date { get; init; } = "";
        public string? DueDate { get; init; }
        public string? Reference { get; init; }
        public long Debit { get; init; }
        public long Credit { get; init; }
        public long MatchedDebit { get; init; }
        public long MatchedCredit { get; init; }
    }

    /// <summary>Open items of <paramref name="subtype"/> (<see cref="AccountSubtypes.Receivable"/> or <see cref="AccountSubtypes.Payable"/>) at the end of <paramref name="at"/>.</summary>
    public Task<AgedBalance> AgedAsync(string subtype, DateOnly at, CancellationToken cancellationToken) =>
        AgedAsync(subtype, at, null, cancellationToken);

    /// <summary>Open items of <paramref name="subtype"/> at the end of <paramref name="at"/>, of one partner when <paramref name="contactId"/>
    /// is given (the contact's page, the report filtered on it), else of every partner.</summary>
    public async Task<AgedBalance> AgedAsync(string subtype, DateOnly at, string? contactId, CancellationToken cancellationToken)
    {
        if (subtype is not (AccountSubtypes.Receivable or AccountSubtypes.Payable))
        {
            throw new ArgumentOutOfRangeException(nameof(subtype), subtype, "Aged balances are of receivables or payables.");
        }
        var rows = await unitOfWork.QueryAsync<ItemRow>($"""
            SELECT x.* FROM (
              SELECT l.id AS LineId, l.entry_id AS EntryId, e.number AS Number, l.account_code AS Account, l.contact_id AS ContactId,
                l.date AS Date, e.due_date AS DueDate, e.reference AS Reference, l.debit AS Debit, l.credit AS Credit,
                CAST(COALESCE((SELECT SUM(m.amount) FROM ledger_matches m JOIN ledger_lines o ON o.id = m.credit_line_id
                               WHERE m.debit_line_id = l.id AND o.date <= @At), 0) AS BIGINT) AS MatchedDebit,
                CAST(COALESCE((SELECT SUM(m.amount) FROM ledger_matches m JOIN ledger_lines o ON o.id = m.debit_line_id
                               WHERE m.credit_line_id = l.id AND o.date <= @At), 0) AS BIGINT) AS MatchedCredit
              FROM ledger_lines l
              JOIN ledger_accounts a ON a.code = l.account_code
              JOIN ledger_entries e ON e.id = l.entry_id
              WHERE a.subtype = @Subtype AND l.posted = 1 AND l.date <= @At{(contactId is null ? "" : " AND l.contact_id = @Contact")}
            ) x
            WHERE x.Debit - x.MatchedDebit - x.Credit + x.MatchedCredit <> 0
            ORDER BY x.Date, x.LineId
            """, new { Subtype = subtype, At = LedgerDates.Text(at), Contact = contactId }, cancellationToken);
        var sign = subtype == AccountSubtypes.Receivable ? 1 : -1;
        var result = new List<AgedPartner>();
        foreach (var group in rows.GroupBy(r => r.ContactId))
        {
            var items = group.Select(r => Item(r, at, sign)).ToList();
            var amounts = items.Aggregate(AgedAmounts.Zero, (sum, item) => sum.Add(item.Bucket, item.Residual));
            result.Add(new AgedPartner(group.Key, await partners.NameOfAsync(group.Key, cancellationToken), amounts, items));
        }
        return new AgedBalance(at, subtype, result
            .OrderBy(p => p.ContactId is null)
            .ThenBy(p => p.Name ?? p.ContactId, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.ContactId, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>The bucket of an item <paramref name="daysOverdue"/> days past its due date (zero or less: not due).</summary>
    public static AgeBucket BucketOf(int daysOverdue) => daysOverdue switch
    {
        <= 0 => AgeBucket.NotDue,
        <= 30 => AgeBucket.Days1To30,
        <= 60 => AgeBucket.Days31To60,
        <= 90 => AgeBucket.Days61To90,
        _ => AgeBucket.Over90,
    };

    private static OpenItem Item(ItemRow row, DateOnly at, int sign)
    {
        var date = LedgerDates.Parse(row.Date);
        var due = LedgerDates.ParseOrNull(row.DueDate) ?? date;
        var days = at.DayNumber - due.DayNumber;
        return new OpenItem(row.LineId, row.EntryId, row.Number, row.Account, date, due, row.Reference, sign * (row.Debit - row.Credit),
            sign * (row.Debit - row.MatchedDebit - row.Credit + row.MatchedCredit), days, BucketOf(days));
    }
}
