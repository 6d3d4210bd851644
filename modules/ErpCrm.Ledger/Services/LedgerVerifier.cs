using System.Data;
using System.Globalization;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// Checks the books against the invariants <see cref="LedgerPostingService"/> keeps, reading them as stored, and reports every break:
/// - chain: each journal's posted entries run 1, 2, 3… by <c>chain_seq</c>, each one's <c>prev_hash</c> is the hash before it, and
///   its hash is <see cref="EntryHash"/> recomputed from its stored header and lines; the journal's head (<c>chain_length</c>,
///   <c>last_hash</c>) is the last entry;
/// - entry: every posted entry balances (debits = credits, above zero, equal to its total) and its lines are posted, of its date,
///   journal and closing flag;
/// - number: numbers per journal and fiscal year are 1..n without a gap, and the counter is at n;
/// - balance: <c>ledger_balances</c> equals the sum of posted lines per account, day and closing flag, both ways;
/// - malformed: every stored value reads as what its column holds (a date is a date; in SQLite, which keeps any value in any column,
///   a number column holds a number), and sums stay within 64 bits.
/// The books it checks may have been changed by anyone with access to the database, so whatever it reads is a finding, never an
/// exception. Entries are read a page at a time per journal, so a million lines never sit in memory at once. Each kind of problem is
/// listed at most <see cref="MaxProblemsPerKind"/> times.
/// </summary>
public sealed class LedgerVerifier(IUnitOfWork unitOfWork)
{
    public const int PageSize = 500;
    public const int MaxProblemsPerKind = 100;

    private sealed class EntryRow
    {
        public long Id { get; init; }
        public string Journal { get; init; } = "";
        public string? FiscalYear { get; init; }
        public string? Number { get; init; }
        public string Date { get; init; } = "";
        public string? DueDate { get; init; }
        public string? Reference { get; init; }
        public int IsClosing { get; init; }
        public long? ReversalOf { get; init; }
        public long Total { get; init; }
        public long? ChainSeq { get; init; }
        public string? PrevHash { get; init; }
        public string? Hash { get; init; }
    }

    private sealed class LineRow
    {
        public long Id { get; init; }
        public long EntryId { get; init; }
        public int LineNo { get; init; }
        public string Journal { get; init; } = "";
        public string Date { get; init; } = "";
        public string Account { get; init; } = "";
        public long Debit { get; init; }
        public long Credit { get; init; }
        public string? Currency { get; init; }
        public long? AmountCurrency { get; init; }
        public string? ContactId { get; init; }
        public string? Description { get; init; }
        public int Posted { get; init; }
        public int IsClosing { get; init; }
    }

    private sealed class JournalRow
    {
        public string Code { get; init; } = "";
        public long ChainLength { get; init; }
        public string? LastHash { get; init; }
    }

    private sealed class NumberRow
    {
        public string Journal { get; init; } = "";
        public string? FiscalYear { get; init; }
        public long Count { get; init; }
        public long? First { get; init; }
        public long? Last { get; init; }
        public long? Counter { get; init; }
    }

    private sealed class BalanceRow
    {
        public string Account { get; init; } = "";
        public string Date { get; init; } = "";
        public int IsClosing { get; init; }
        public long? StoredDebit { get; init; }
        public long? StoredCredit { get; init; }
        public long? LineDebit { get; init; }
        public long? LineCredit { get; init; }
    }

    public async Task<VerifyReport> VerifyAsync(CancellationToken cancellationToken)
    {
        var problems = new Problems();
        long entries = 0, lines = 0;
        var journals = await unitOfWork.QueryAsync<JournalRow>(
            "SELECT code AS Code, chain_length AS ChainLength, last_hash AS LastHash FROM ledger_journals ORDER BY code", cancellationToken: cancellationToken);
        foreach (var journal in journals)
        {
            var (count, lineCount) = await VerifyChainAsync(journal, problems, cancellationToken);
            entries += count;
            lines += lineCount;
        }
        var unchained = await unitOfWork.QueryAsync<EntryRow>(
            "SELECT id AS Id, journal_code AS Journal, number AS Number FROM ledger_entries WHERE state = 'posted' AND chain_seq IS NULL ORDER BY id LIMIT @Take",
            new { Take = MaxProblemsPerKind }, cancellationToken);
        foreach (var entry in unchained)
        {
            problems.Add(new("chain", entry.Journal, entry.Id, entry.Number, $"Posted entry {entry.Number ?? entry.Id.ToString(CultureInfo.InvariantCulture)} is not in its journal's chain."));
        }
        await ReadingStoredValuesAsync("number", "numbers", VerifyNumbersAsync, problems, cancellationToken);
        // Last, because on PostgreSQL a statement that fails ends the transaction's reading.
        await ReadingStoredValuesAsync("balance", "balances", VerifyBalancesAsync, problems, cancellationToken);
        return new VerifyReport(entries, lines, problems.List, problems.Cut);
    }

    /// <summary>Walks a journal's chain a page at a time; answers how many entries and lines it read.</summary>
    private async Task<(long Entries, long Lines)> VerifyChainAsync(JournalRow journal, Problems problems, CancellationToken cancellationToken)
    {
        long expectedSeq = 1, lineCount = 0;
        string? previousHash = null;
        while (true)
        {
            IReadOnlyList<EntryRow> page;
            ILookup<long, LineRow> pageLines;
            try
            {
                (page, pageLines) = await ReadPageAsync(journal, expectedSeq - 1, cancellationToken);
            }
            catch (Exception e) when (e is DataException or FormatException or InvalidCastException or OverflowException)
            {
                problems.Add(new("malformed", journal.Code, null, null,
                    $"The {journal.Code} chain could not be read from place {expectedSeq} on: a stored value is not of its column's type, so it was changed outside the ledger."));
                break;
            }
            if (page.Count == 0)
            {
                break;
            }
            foreach (var entry in page)
            {
                var entryLines = pageLines[entry.Id].ToList();
                lineCount += entryLines.Count;
                if (entry.ChainSeq != expectedSeq)
                {
                    problems.Add(Problem("chain", entry, $"Entry {entry.Number} is at place {entry.ChainSeq} of the {journal.Code} chain; place {expectedSeq} is missing."));
                    expectedSeq = entry.ChainSeq!.Value;
                }
                if (entry.PrevHash != previousHash)
                {
                    problems.Add(Problem("chain", entry, $"Entry {entry.Number} does not follow the hash of the entry before it in the {journal.Code} chain."));
                }
                CheckHash(entry, entryLines, problems);
                CheckEntry(entry, entryLines, problems);
                previousHash = entry.Hash;
                expectedSeq++;
            }
        }
        var length = expectedSeq - 1;
        if (journal.ChainLength != length || journal.LastHash != previousHash)
        {
            problems.Add(new("head", journal.Code, null, null,
                $"Journal {journal.Code} records {journal.ChainLength} posted entries and a last hash that do not match its chain of {length}."));
        }
        return (length, lineCount);
    }

    /// <summary>A page of a journal's chain after place <paramref name="after"/>, and the lines of its entries.</summary>
    private async Task<(IReadOnlyList<EntryRow> Page, ILookup<long, LineRow> Lines)> ReadPageAsync(JournalRow journal, long after, CancellationToken cancellationToken)
    {
        var page = await unitOfWork.QueryAsync<EntryRow>("""
            SELECT id AS Id, journal_code AS Journal, fiscal_year AS FiscalYear, number AS Number, date AS Date, due_date AS DueDate,
              reference AS Reference, is_closing AS IsClosing, reversal_of AS ReversalOf, total AS Total, chain_seq AS ChainSeq,
              prev_hash AS PrevHash, hash AS Hash
            FROM ledger_entries WHERE journal_code = @Code AND state = 'posted' AND chain_seq > @After
            ORDER BY chain_seq LIMIT @Take
            """, new { journal.Code, After = after, Take = PageSize }, cancellationToken);
        if (page.Count == 0)
        {
            return (page, Array.Empty<LineRow>().ToLookup(l => l.EntryId));
        }
        var lines = await unitOfWork.QueryAsync<LineRow>("""
            SELECT l.id AS Id, l.entry_id AS EntryId, l.line_no AS LineNo, l.journal_code AS Journal, l.date AS Date, l.account_code AS Account,
              l.debit AS Debit, l.credit AS Credit, l.currency AS Currency, l.amount_currency AS AmountCurrency, l.contact_id AS ContactId,
              l.description AS Description, l.posted AS Posted, l.is_closing AS IsClosing
            FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id
            WHERE e.journal_code = @Code AND e.state = 'posted' AND e.chain_seq > @After AND e.chain_seq <= @Last
            ORDER BY l.entry_id, l.line_no
            """, new { journal.Code, After = after, Last = page[^1].ChainSeq }, cancellationToken);
        return (page, lines.ToLookup(l => l.EntryId));
    }

    /// <summary>Whether the entry's stored hash is the hash of its content; a date that is no date is reported as such.</summary>
    private static void CheckHash(EntryRow entry, IReadOnlyList<LineRow> lines, Problems problems)
    {
        var date = LedgerDates.ParseOrNull(entry.Date);
        var due = LedgerDates.ParseOrNull(entry.DueDate);
        if (date is null || (entry.DueDate is not null && due is null))
        {
            problems.Add(Problem("malformed", entry, $"Entry {entry.Number} has a date or due date that is not a date (yyyy-MM-dd): it was changed after posting."));
        }
        else if (entry.FiscalYear is null || entry.Number is null
            || EntryHash.Compute(entry.Journal, entry.FiscalYear, entry.Number, date.Value, due, entry.Reference, entry.IsClosing != 0, entry.ReversalOf,
                lines.Select(ToLine), entry.PrevHash) != entry.Hash)
        {
            problems.Add(Problem("hash", entry, $"Entry {entry.Number}'s hash does not match its content: it was changed after posting."));
        }
    }

    private static void CheckEntry(EntryRow entry, IReadOnlyList<LineRow> lines, Problems problems)
    {
        // Summed in 128 bits: lines changed outside the ledger may add up beyond 64.
        var debit = lines.Aggregate(Int128.Zero, (sum, l) => sum + l.Debit);
        var credit = lines.Aggregate(Int128.Zero, (sum, l) => sum + l.Credit);
        if (debit != credit || debit <= 0 || lines.Count < 2)
        {
            problems.Add(Problem("entry", entry, $"Entry {entry.Number} does not balance: debits {debit}, credits {credit} (minor units) over {lines.Count} lines."));
        }
        else if (debit != entry.Total)
        {
            problems.Add(Problem("entry", entry, $"Entry {entry.Number} records a total of {entry.Total} but its lines sum to {debit} (minor units)."));
        }
        if (lines.Any(l => l.Posted != 1 || l.Date != entry.Date || l.Journal != entry.Journal || l.IsClosing != entry.IsClosing))
        {
            problems.Add(Problem("entry", entry, $"Entry {entry.Number} has lines whose date, journal, closing flag or posted flag differ from the entry's."));
        }
    }

    /// <summary>
    /// Runs a check that reads and sums stored values: one that does not read as its column's type (SQLite keeps any value anywhere) or
    /// sums beyond 64 bits was changed outside the ledger, and is reported as a problem of <paramref name="kind"/>.
    /// </summary>
    private async Task ReadingStoredValuesAsync(string kind, string what, Func<Problems, CancellationToken, Task> check, Problems problems, CancellationToken cancellationToken)
    {
        try
        {
            await check(problems, cancellationToken);
        }
        catch (Exception e) when (unitOfWork.Dialect.IsOutOfRange(e) || e is DataException or FormatException or InvalidCastException or OverflowException)
        {
            problems.Add(new(kind, null, null, null,
                $"The {what} could not be checked: stored values do not read as numbers or sum beyond 64 bits, so rows were changed outside the ledger."));
        }
    }

    private async Task VerifyNumbersAsync(Problems problems, CancellationToken cancellationToken)
    {
        var rows = await unitOfWork.QueryAsync<NumberRow>("""
            SELECT n.journal_code AS Journal, n.fiscal_year AS FiscalYear, n.entries AS Count, n.first_seq AS First, n.last_seq AS Last, s.last_number AS Counter
            FROM (
              SELECT journal_code, fiscal_year, COUNT(*) AS entries, MIN(number_seq) AS first_seq, MAX(number_seq) AS last_seq
              FROM ledger_entries WHERE state = 'posted' GROUP BY journal_code, fiscal_year
            ) n
            LEFT JOIN ledger_sequences s ON s.journal_code = n.journal_code AND s.fiscal_year = n.fiscal_year
            ORDER BY n.journal_code, n.fiscal_year
            """, cancellationToken: cancellationToken);
        foreach (var row in rows)
        {
            if (row.First != 1 || row.Last != row.Count)
            {
                problems.Add(new("number", row.Journal, null, null,
                    $"Journal {row.Journal}, fiscal year {row.FiscalYear}: {row.Count} posted entries numbered {row.First} to {row.Last}, not 1 to {row.Count} without gaps."));
            }
            else if (row.Counter != row.Count)
            {
                problems.Add(new("number", row.Journal, null, null,
                    $"Journal {row.Journal}, fiscal year {row.FiscalYear}: the counter is at {row.Counter?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} but {row.Count} entries are posted."));
            }
        }
    }

    private async Task VerifyBalancesAsync(Problems problems, CancellationToken cancellationToken)
    {
        var rows = await unitOfWork.QueryAsync<BalanceRow>("""
            SELECT COALESCE(b.account_code, s.account_code) AS Account, COALESCE(b.date, s.date) AS Date, COALESCE(b.is_closing, s.is_closing) AS IsClosing,
              b.debit AS StoredDebit, b.credit AS StoredCredit, s.debit AS LineDebit, s.credit AS LineCredit
            FROM ledger_balances b
            FULL OUTER JOIN (
              SELECT account_code, date, is_closing, CAST(SUM(debit) AS BIGINT) AS debit, CAST(SUM(credit) AS BIGINT) AS credit
              FROM ledger_lines WHERE posted = 1 GROUP BY account_code, date, is_closing
            ) s ON s.account_code = b.account_code AND s.date = b.date AND s.is_closing = b.is_closing
            WHERE b.account_code IS NULL OR s.account_code IS NULL OR b.debit <> s.debit OR b.credit <> s.credit
            ORDER BY 1, 2, 3
            LIMIT @Take
            """, new { Take = MaxProblemsPerKind + 1 }, cancellationToken);
        foreach (var row in rows)
        {
            var closing = row.IsClosing != 0 ? " (year-end closing)" : "";
            problems.Add(new("balance", null, null, null, row.LineDebit is null
                ? $"Account {row.Account} has a balance on {row.Date}{closing} (debit {row.StoredDebit}, credit {row.StoredCredit}) but no posted line."
                : row.StoredDebit is null
                    ? $"Account {row.Account} has posted lines on {row.Date}{closing} (debit {row.LineDebit}, credit {row.LineCredit}) but no balance."
                    : $"Account {row.Account} on {row.Date}{closing}: the balance holds debit {row.StoredDebit}, credit {row.StoredCredit}; its posted lines sum to debit {row.LineDebit}, credit {row.LineCredit}."));
        }
    }

    private static VerifyProblem Problem(string kind, EntryRow entry, string message) => new(kind, entry.Journal, entry.Id, entry.Number, message);

    private static LedgerLine ToLine(LineRow l) => new(l.Id, l.LineNo, l.Account, l.Debit, l.Credit, l.Currency, l.AmountCurrency, l.ContactId, l.Description);

    /// <summary>The problems found, at most <see cref="MaxProblemsPerKind"/> of each kind.</summary>
    private sealed class Problems
    {
        private readonly Dictionary<string, int> _counts = [];

        public List<VerifyProblem> List { get; } = [];

        public bool Cut { get; private set; }

        public void Add(VerifyProblem problem)
        {
            var count = _counts.GetValueOrDefault(problem.Kind);
            if (count >= MaxProblemsPerKind)
            {
                Cut = true;
                return;
            }
            _counts[problem.Kind] = count + 1;
            List.Add(problem);
        }
    }
}
