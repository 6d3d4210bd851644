using System.Globalization;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// Writes checked entries in the unit of work's transaction with prepared commands (one per statement shape, reused for every row):
/// numbers from <c>ledger_sequences</c>, the hash chain's head from <c>ledger_journals</c>, headers, lines, and the day balances.
/// Rows are locked in one order (journals, then sequences, then balances, each by key) so concurrent posters queue, never deadlock.
/// Checks are <see cref="LedgerPostingService"/>'s; this class only writes.
/// </summary>
internal sealed partial class LedgerWriter(IUnitOfWork unitOfWork, TimeProvider clock)
{
    /// <summary>An entry ready to write: lines checked, base amounts set, fiscal year known.</summary>
    internal sealed record Prepared(EntryDraft Draft, IReadOnlyList<LedgerLine> Lines, FiscalYear Year, bool IsClosing, long? ReversalOf)
    {
        public long Total => Lines.Sum(l => l.Debit);
    }

    /// <summary>Inserts the entries as drafts (no number, no hash, not in the balances).</summary>
    public async Task<IReadOnlyList<LedgerEntry>> InsertDraftsAsync(IReadOnlyList<Prepared> entries, string? user, CancellationToken cancellationToken)
    {
        await using var statements = await Statements.OpenAsync(unitOfWork, cancellationToken);
        var now = clock.GetUtcNow();
        var written = new List<LedgerEntry>(entries.Count);
        foreach (var entry in entries)
        {
            var id = await statements.InsertDraftHeaderAsync(entry, now, user, cancellationToken);
            var lines = await statements.InsertLinesAsync([(id, entry)], posted: false, cancellationToken);
            written.Add(Entry(id, entry, EntryStates.Draft, null, null, null, null, now, user, null) with { Lines = lines[id] });
        }
        return written;
    }

    /// <summary>Replaces a draft's lines and header values (the draft's row is already claimed by its version).</summary>
    public async Task ReplaceDraftAsync(long id, Prepared entry, CancellationToken cancellationToken)
    {
        await unitOfWork.ExecuteAsync("DELETE FROM ledger_lines WHERE entry_id = @Id", new { Id = id }, cancellationToken);
        await unitOfWork.ExecuteAsync("""
            UPDATE ledger_entries SET journal_code = @Journal, date = @Date, due_date = @Due, reference = @Reference, total = @Total
            WHERE id = @Id AND state = 'draft'
            """, new { Id = id, entry.Draft.Journal, Date = LedgerDates.Text(entry.Draft.Date), Due = LedgerDates.TextOrNull(entry.Draft.DueDate),
                entry.Draft.Reference, entry.Total }, cancellationToken);
        await using var statements = await Statements.OpenAsync(unitOfWork, cancellationToken);
        await statements.InsertLinesAsync([(id, entry)], posted: false, cancellationToken);
    }

    /// <summary>A journal's row as a posting locked it: its hash chain's head (how many entries, the last one's hash) and the lock date.</summary>
    internal sealed record JournalHead(long Length, string? Hash, DateOnly? LockDate);

    /// <summary>
    /// Begins the write transaction and takes the rows of these journals for it, once each, in code order (so concurrent posters queue,
    /// never deadlock), reading their chain heads and the lock date. Nothing is written: a posting refused after this writes nothing.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, JournalHead>> LockJournalsAsync(IEnumerable<string> journals, CancellationToken cancellationToken)
    {
        await using var statements = await Statements.OpenAsync(unitOfWork, cancellationToken);
        var heads = new Dictionary<string, JournalHead>(StringComparer.Ordinal);
        foreach (var journal in journals.Distinct().Order(StringComparer.Ordinal))
        {
            heads[journal] = await statements.LockJournalAsync(journal, cancellationToken);
        }
        return heads;
    }

    /// <summary>
    /// Posts entries: new ones are inserted posted; <paramref name="drafts"/> (when given, one per entry) are drafts already claimed
    /// by the caller, updated to posted. Numbers, hashes and balances are written here, in the caller's transaction, after
    /// <paramref name="heads"/> were locked (<see cref="LockJournalsAsync"/>, every journal of the entries).
    /// </summary>
    public async Task<IReadOnlyList<LedgerEntry>> PostAsync(IReadOnlyList<Prepared> entries, IReadOnlyList<(long Id, DateTimeOffset CreatedUtc, string? CreatedBy)>? drafts,
        string? user, IReadOnlyDictionary<string, JournalHead> heads, CancellationToken cancellationToken)
    {
        await using var statements = await Statements.OpenAsync(unitOfWork, cancellationToken);
        var now = clock.GetUtcNow();

        // The chain's head per journal, as locked.
        var chains = new Dictionary<string, (long Next, string? Hash)>(StringComparer.Ordinal);
        foreach (var journal in entries.Select(e => e.Draft.Journal).Distinct())
        {
            var head = heads[journal];
            chains[journal] = (head.Length + 1, head.Hash);
        }
        // Numbers per journal and fiscal year, in the same order.
        var numbers = new Dictionary<(string, string), long>();
        foreach (var group in entries.GroupBy(e => (e.Draft.Journal, e.Year.Name)).OrderBy(g => g.Key.Journal, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var last = await statements.AdvanceSequenceAsync(group.Key.Journal, group.Key.Name, group.Count(), cancellationToken);
            numbers[group.Key] = last - group.Count() + 1;
        }

        var postings = new List<Posting>(entries.Count);
        foreach (var entry in entries)
        {
            var journal = entry.Draft.Journal;
            var key = (journal, entry.Year.Name);
            var sequence = numbers[key]++;
            var number = $"{journal}/{entry.Year.Name}/{sequence.ToString("0000", CultureInfo.InvariantCulture)}";
            var (chainSeq, previous) = chains[journal];
            var hash = EntryHash.Compute(journal, entry.Year.Name, number, entry.Draft.Date, entry.Draft.DueDate, entry.Draft.Reference,
                entry.IsClosing, entry.ReversalOf, entry.Lines, previous);
            chains[journal] = (chainSeq + 1, hash);
            postings.Add(new Posting(entry.Year.Name, sequence, number, chainSeq, previous, hash));
        }

        var written = new List<LedgerEntry>(entries.Count);
        if (drafts is null)
        {
            var ids = await statements.InsertPostedHeadersAsync(entries, postings, now, user, cancellationToken);
            var lines = await statements.InsertLinesAsync(ids.Select((id, i) => (id, entries[i])).ToList(), posted: true, cancellationToken);
            for (var i = 0; i < entries.Count; i++)
            {
                written.Add(Entry(ids[i], entries[i], EntryStates.Posted, postings[i], now, user, now, user) with { Lines = lines[ids[i]] });
            }
        }
        else
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var (id, created, createdBy) = drafts[i];
                await statements.PostDraftAsync(id, postings[i], now, user, cancellationToken);
                written.Add(Entry(id, entries[i], EntryStates.Posted, postings[i], now, user, created, createdBy));
            }
        }
        foreach (var (journal, (next, hash)) in chains.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            await statements.SetChainHeadAsync(journal, next - 1, hash!, cancellationToken);
        }
        // An entry or two (a request's posting) add their few balance rows as parameters of a short statement, which prepares in
        // less time than the one summing the lines in the engine (a request prepares every statement it sends); a batch sums in the engine.
        var entryIds = drafts is null ? written.Select(e => e.Id).ToList() : drafts.Select(d => d.Id).ToList();
        if (entries.Count <= FewEntries || !await statements.AddBalancesFromLinesAsync(entryIds, cancellationToken))
        {
            await statements.AddBalancesAsync(DayBalances(entries), cancellationToken);
        }
        return written;
    }

    private const int FewEntries = 2;

    /// <summary>The entries' lines summed per account, day and closing flag, in key order (the order balance rows are locked in).</summary>
    private static List<(string Account, string Date, int Closing, long Debit, long Credit)> DayBalances(IReadOnlyList<Prepared> entries)
    {
        var balances = new SortedDictionary<(string Account, string Date, int Closing), (long Debit, long Credit)>();
        foreach (var entry in entries)
        {
            var date = LedgerDates.Text(entry.Draft.Date);
            foreach (var line in entry.Lines)
            {
                var key = (line.Account, date, entry.IsClosing ? 1 : 0);
                var (debit, credit) = balances.GetValueOrDefault(key);
                balances[key] = (checked(debit + line.Debit), checked(credit + line.Credit));
            }
        }
        return balances.Select(b => (b.Key.Account, b.Key.Date, b.Key.Closing, b.Value.Debit, b.Value.Credit)).ToList();
    }

    private static LedgerEntry Entry(long id, Prepared entry, string state, Posting? posting, DateTimeOffset now, string? user,
        DateTimeOffset created, string? createdBy) =>
        Entry(id, entry, state, posting?.FiscalYear, posting?.Number, posting?.PrevHash, posting?.Hash, created, createdBy, posting is null ? null : (now, user));

    private static LedgerEntry Entry(long id, Prepared entry, string state, string? fiscalYear, string? number, string? prevHash, string? hash,
        DateTimeOffset created, string? createdBy, (DateTimeOffset When, string? User)? posted) =>
        new(id, entry.Draft.Journal, fiscalYear, number, state, entry.Draft.Date, entry.Draft.DueDate, entry.Draft.Reference, entry.IsClosing,
            entry.ReversalOf, null, 1, entry.Total, prevHash, hash, created, createdBy, posted?.When, posted?.User, entry.Lines);

    private sealed record Posting(string FiscalYear, long Sequence, string Number, long ChainSeq, string? PrevHash, string Hash);
}
