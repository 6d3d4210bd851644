using ErpCrm.Data;
using ErpCrm.Ledger.Models;

namespace ErpCrm.Ledger.Services;

/// <summary>A posted line of a contact on a receivable or payable account, as the matching page lists it: its entry, amount and what is open of it.</summary>
public sealed record MatchableLine(long LineId, long EntryId, string? Number, string Account, DateOnly Date, DateOnly? DueDate, string? Reference,
    string? Description, long Debit, long Credit, long Open)
{
    /// <summary>An invoice (a debit on a receivable, a refund on a payable), rather than a payment or credit note.</summary>
    public bool IsDebit => Debit > 0;

    public long Amount => Debit + Credit;

    public MatchCandidate Candidate => new(LineId, Date, IsDebit, Open);
}

/// <summary>A reconciled group: lines linked by matches (an invoice and the payments that settled it, or several of each), undone together.</summary>
public sealed record MatchGroup(IReadOnlyList<MatchableLine> Lines, IReadOnlyList<LineMatch> Matches)
{
    public long Amount => Matches.Sum(m => m.Amount);

    public DateOnly Date => Matches.Max(m => m.Date);
}

/// <summary>
/// What the matching page reads: a contact's open items on its receivable and payable accounts (or one of them) — posted lines whose
/// amount is not fully matched, whatever the matches' dates — and its reconciled groups, the lines that matches link (a connected
/// group: undoing a match of one line reopens the whole group, which is what the page offers).
/// </summary>
public sealed class MatchingQueries(IUnitOfWork unitOfWork)
{
    /// <summary>How many reconciled groups the page lists, the latest first.</summary>
    public const int MaxGroups = 50;

    private sealed class LineRow
    {
        public long LineId { get; init; }
        public long EntryId { get; init; }
        public string? Number { get; init; }
        public string Account { get; init; } = "";
        public string Date { get; init; } = "";
        public string? DueDate { get; init; }
        public string? Reference { get; init; }
        public string? Description { get; init; }
        public long Debit { get; init; }
        public long Credit { get; init; }
        public long Matched { get; init; }

        public MatchableLine Line() => new(LineId, EntryId, Number, Account, LedgerDates.Parse(Date), LedgerDates.ParseOrNull(DueDate), Reference,
            Description, Debit, Credit, Debit + Credit - Matched);
    }

    private sealed class MatchRow
    {
        public long Id { get; init; }
        public long DebitLineId { get; init; }
        public long CreditLineId { get; init; }
        public long Amount { get; init; }
        public string Date { get; init; } = "";
    }

    /// <summary>The open items of <paramref name="contactId"/> on <paramref name="account"/> (any receivable or payable account when null), by account then oldest first.</summary>
    public async Task<IReadOnlyList<MatchableLine>> OpenItemsAsync(string contactId, string? account, CancellationToken cancellationToken) =>
        (await LinesAsync(contactId, account, "x.Debit + x.Credit - x.Matched > 0", cancellationToken)).Select(r => r.Line()).ToList();

    /// <summary>The reconciled groups of <paramref name="contactId"/> on <paramref name="account"/> (any partner account when null), the latest match first.</summary>
    public async Task<IReadOnlyList<MatchGroup>> GroupsAsync(string contactId, string? account, CancellationToken cancellationToken)
    {
        // Matched lines share one account and one contact (MatchingService), so the debit line says both.
        var matches = (await unitOfWork.QueryAsync<MatchRow>($"""
            SELECT m.id AS Id, m.debit_line_id AS DebitLineId, m.credit_line_id AS CreditLineId, m.amount AS Amount, m.date AS Date
            FROM ledger_matches m JOIN ledger_lines l ON l.id = m.debit_line_id
            WHERE l.contact_id = @Contact{(account is null ? "" : " AND l.account_code = @Account")}
            ORDER BY m.id
            """, new { Contact = contactId, Account = account }, cancellationToken))
            .Select(m => new LineMatch(m.Id, m.DebitLineId, m.CreditLineId, m.Amount, LedgerDates.Parse(m.Date))).ToList();
        if (matches.Count == 0)
        {
            return [];
        }
        var lines = (await LinesAsync(contactId, account, "x.Matched > 0", cancellationToken)).ToDictionary(r => r.LineId, r => r.Line());
        var group = new Dictionary<long, long>();
        long Root(long line)
        {
            while (group.TryGetValue(line, out var parent) && parent != line)
            {
                line = parent;
            }
            return line;
        }
        foreach (var match in matches)
        {
            var (debit, credit) = (Root(match.DebitLineId), Root(match.CreditLineId));
            group[debit] = debit;
            group[credit] = debit;
        }
        return matches.GroupBy(m => Root(m.DebitLineId))
            .Select(g => new MatchGroup(
                g.SelectMany(m => new[] { m.DebitLineId, m.CreditLineId }).Distinct().Where(lines.ContainsKey).Select(id => lines[id])
                    .OrderBy(l => l.Date).ThenBy(l => l.LineId).ToList(),
                g.ToList()))
            .OrderByDescending(g => g.Matches.Max(m => m.Id))
            .Take(MaxGroups)
            .ToList();
    }

    private Task<IReadOnlyList<LineRow>> LinesAsync(string contactId, string? account, string having, CancellationToken cancellationToken) =>
        unitOfWork.QueryAsync<LineRow>($"""
            SELECT x.* FROM (
              SELECT l.id AS LineId, l.entry_id AS EntryId, e.number AS Number, l.account_code AS Account, l.date AS Date, e.due_date AS DueDate,
                e.reference AS Reference, l.description AS Description, l.debit AS Debit, l.credit AS Credit,
                CAST(COALESCE((SELECT SUM(m.amount) FROM ledger_matches m WHERE m.debit_line_id = l.id OR m.credit_line_id = l.id), 0) AS BIGINT) AS Matched
              FROM ledger_lines l
              JOIN ledger_accounts a ON a.code = l.account_code
              JOIN ledger_entries e ON e.id = l.entry_id
              WHERE l.contact_id = @Contact AND l.posted = 1 AND a.subtype IN (@Receivable, @Payable){(account is null ? "" : " AND l.account_code = @Account")}
            ) x
            WHERE {having}
            ORDER BY x.Account, x.Date, x.LineId
            """, new { Contact = contactId, Account = account, AccountSubtypes.Receivable, AccountSubtypes.Payable }, cancellationToken);
}
