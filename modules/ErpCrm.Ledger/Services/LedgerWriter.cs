using System.Data;
using System.Data.Common;
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
internal sealed class LedgerWriter(IUnitOfWork unitOfWork, TimeProvider clock)
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
            var id = await statements.InsertHeaderAsync(entry, EntryStates.Draft, null, null, null, null, null, null, now, user, null, cancellationToken);
            var lines = await statements.InsertLinesAsync(id, entry, posted: false, cancellationToken);
            written.Add(Entry(id, entry, EntryStates.Draft, null, null, null, null, now, user, null) with { Lines = lines });
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
        await statements.InsertLinesAsync(id, entry, posted: false, cancellationToken);
    }

    /// <summary>
    /// Posts entries: new ones are inserted posted; <paramref name="draftIds"/> (when given, one per entry) are drafts already claimed
    /// by the caller, updated to posted. Numbers, hashes and balances are written here, in the caller's transaction.
    /// </summary>
    public async Task<IReadOnlyList<LedgerEntry>> PostAsync(IReadOnlyList<Prepared> entries, IReadOnlyList<(long Id, DateTimeOffset CreatedUtc, string? CreatedBy)>? drafts,
        string? user, CancellationToken cancellationToken)
    {
        await using var statements = await Statements.OpenAsync(unitOfWork, cancellationToken);
        var now = clock.GetUtcNow();

        // The chain's head per journal: lock each journal's row once, in code order.
        var chains = new Dictionary<string, (long Next, string? Hash)>(StringComparer.Ordinal);
        foreach (var group in entries.GroupBy(e => e.Draft.Journal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (length, hash) = await statements.AdvanceChainAsync(group.Key, group.Count(), cancellationToken);
            chains[group.Key] = (length - group.Count() + 1, hash);
        }
        // Numbers per journal and fiscal year, in the same order.
        var numbers = new Dictionary<(string, string), long>();
        foreach (var group in entries.GroupBy(e => (e.Draft.Journal, e.Year.Name)).OrderBy(g => g.Key.Journal, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var last = await statements.AdvanceSequenceAsync(group.Key.Journal, group.Key.Name, group.Count(), cancellationToken);
            numbers[group.Key] = last - group.Count() + 1;
        }

        var written = new List<LedgerEntry>(entries.Count);
        var balances = new SortedDictionary<(string Account, string Date, int Closing), (long Debit, long Credit)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var journal = entry.Draft.Journal;
            var key = (journal, entry.Year.Name);
            var sequence = numbers[key]++;
            var number = $"{journal}/{entry.Year.Name}/{sequence.ToString("0000", CultureInfo.InvariantCulture)}";
            var (chainSeq, previous) = chains[journal];
            var hash = EntryHash.Compute(journal, entry.Year.Name, number, entry.Draft.Date, entry.Draft.DueDate, entry.Draft.Reference,
                entry.IsClosing, entry.ReversalOf, entry.Lines, previous);
            chains[journal] = (chainSeq + 1, hash);
            var posting = new Posting(entry.Year.Name, sequence, number, chainSeq, previous, hash);
            long id;
            DateTimeOffset created;
            string? createdBy;
            var lines = entry.Lines;
            if (drafts is null)
            {
                id = await statements.InsertHeaderAsync(entry, EntryStates.Posted, posting, now, user, now, user, cancellationToken);
                lines = await statements.InsertLinesAsync(id, entry, posted: true, cancellationToken);
                (created, createdBy) = (now, user);
            }
            else
            {
                (id, created, createdBy) = drafts[i];
                await statements.PostDraftAsync(id, posting, now, user, cancellationToken);
            }
            foreach (var line in entry.Lines)
            {
                var balanceKey = (line.Account, LedgerDates.Text(entry.Draft.Date), entry.IsClosing ? 1 : 0);
                var (debit, credit) = balances.GetValueOrDefault(balanceKey);
                balances[balanceKey] = (checked(debit + line.Debit), checked(credit + line.Credit));
            }
            written.Add(Entry(id, entry, EntryStates.Posted, posting, now, user, created, createdBy) with { Lines = lines });
        }
        foreach (var (journal, (_, hash)) in chains.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            await statements.SetChainHashAsync(journal, hash!, cancellationToken);
        }
        foreach (var ((account, date, closing), (debit, credit)) in balances)
        {
            await statements.AddBalanceAsync(account, date, closing, debit, credit, cancellationToken);
        }
        return written;
    }

    private static LedgerEntry Entry(long id, Prepared entry, string state, Posting? posting, DateTimeOffset now, string? user,
        DateTimeOffset created, string? createdBy) =>
        Entry(id, entry, state, posting?.FiscalYear, posting?.Number, posting?.PrevHash, posting?.Hash, created, createdBy, posting is null ? null : (now, user));

    private static LedgerEntry Entry(long id, Prepared entry, string state, string? fiscalYear, string? number, string? prevHash, string? hash,
        DateTimeOffset created, string? createdBy, (DateTimeOffset When, string? User)? posted) =>
        new(id, entry.Draft.Journal, fiscalYear, number, state, entry.Draft.Date, entry.Draft.DueDate, entry.Draft.Reference, entry.IsClosing,
            entry.ReversalOf, null, 1, entry.Total, prevHash, hash, created, createdBy, posted?.When, posted?.User, entry.Lines);

    private sealed record Posting(string FiscalYear, long Sequence, string Number, long ChainSeq, string? PrevHash, string Hash);

    /// <summary>The prepared statements of one write, on the unit of work's connection and transaction.</summary>
    private sealed class Statements : IAsyncDisposable
    {
        private readonly DbConnection _connection;
        private readonly DbTransaction _transaction;
        private readonly Dictionary<string, DbCommand> _commands = [];

        private Statements(DbConnection connection, DbTransaction transaction) => (_connection, _transaction) = (connection, transaction);

        public static async Task<Statements> OpenAsync(IUnitOfWork unitOfWork, CancellationToken cancellationToken)
        {
            var transaction = await unitOfWork.BeginWriteAsync(cancellationToken);
            return new Statements(await unitOfWork.GetConnectionAsync(cancellationToken), transaction);
        }

        public async Task<(long Length, string? Hash)> AdvanceChainAsync(string journal, int count, CancellationToken cancellationToken)
        {
            var command = Command("chain", "UPDATE ledger_journals SET chain_length = chain_length + @Count WHERE code = @Journal RETURNING chain_length, last_hash",
                ("Count", DbType.Int64), ("Journal", DbType.String));
            Set(command, (long)count, journal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"Journal {journal} vanished while posting.");
            }
            return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        }

        public async Task SetChainHashAsync(string journal, string hash, CancellationToken cancellationToken)
        {
            var command = Command("chainHash", "UPDATE ledger_journals SET last_hash = @Hash WHERE code = @Journal", ("Hash", DbType.String), ("Journal", DbType.String));
            Set(command, hash, journal);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<long> AdvanceSequenceAsync(string journal, string fiscalYear, int count, CancellationToken cancellationToken)
        {
            var command = Command("sequence", """
                INSERT INTO ledger_sequences (journal_code, fiscal_year, last_number) VALUES (@Journal, @Year, @Count)
                ON CONFLICT (journal_code, fiscal_year) DO UPDATE SET last_number = ledger_sequences.last_number + excluded.last_number
                RETURNING last_number
                """, ("Journal", DbType.String), ("Year", DbType.String), ("Count", DbType.Int64));
            Set(command, journal, fiscalYear, (long)count);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        public async Task<long> InsertHeaderAsync(Prepared entry, string state, Posting? posting, DateTimeOffset created, string? createdBy,
            DateTimeOffset? posted, string? postedBy, CancellationToken cancellationToken) =>
            await InsertHeaderAsync(entry, state, posting?.FiscalYear, posting?.Sequence, posting?.Number, posting?.ChainSeq, posting?.PrevHash, posting?.Hash,
                created, createdBy, posted is null ? null : (posted.Value, postedBy), cancellationToken);

        public async Task<long> InsertHeaderAsync(Prepared entry, string state, string? fiscalYear, long? sequence, string? number, long? chainSeq,
            string? prevHash, string? hash, DateTimeOffset created, string? createdBy, (DateTimeOffset When, string? User)? posted, CancellationToken cancellationToken)
        {
            var command = Command("header", """
                INSERT INTO ledger_entries (journal_code, fiscal_year, number_seq, number, date, due_date, reference, state, is_closing, reversal_of,
                  version, total, chain_seq, prev_hash, hash, created_utc, created_by, posted_utc, posted_by)
                VALUES (@Journal, @Year, @Seq, @Number, @Date, @Due, @Reference, @State, @Closing, @ReversalOf,
                  1, @Total, @ChainSeq, @PrevHash, @Hash, @Created, @CreatedBy, @Posted, @PostedBy)
                RETURNING id
                """, ("Journal", DbType.String), ("Year", DbType.String), ("Seq", DbType.Int64), ("Number", DbType.String), ("Date", DbType.String),
                ("Due", DbType.String), ("Reference", DbType.String), ("State", DbType.String), ("Closing", DbType.Int32), ("ReversalOf", DbType.Int64),
                ("Total", DbType.Int64), ("ChainSeq", DbType.Int64), ("PrevHash", DbType.String), ("Hash", DbType.String), ("Created", DbType.String),
                ("CreatedBy", DbType.String), ("Posted", DbType.String), ("PostedBy", DbType.String));
            Set(command, entry.Draft.Journal, fiscalYear, sequence, number, LedgerDates.Text(entry.Draft.Date), LedgerDates.TextOrNull(entry.Draft.DueDate),
                entry.Draft.Reference, state, entry.IsClosing ? 1 : 0, entry.ReversalOf, entry.Total, chainSeq, prevHash, hash, Utc(created), createdBy,
                posted is { } p ? Utc(p.When) : null, posted?.User);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        public async Task PostDraftAsync(long id, Posting posting, DateTimeOffset now, string? user, CancellationToken cancellationToken)
        {
            var header = Command("postDraft", """
                UPDATE ledger_entries SET state = 'posted', fiscal_year = @Year, number_seq = @Seq, number = @Number, chain_seq = @ChainSeq,
                  prev_hash = @PrevHash, hash = @Hash, posted_utc = @Posted, posted_by = @PostedBy
                WHERE id = @Id AND state = 'draft'
                """, ("Year", DbType.String), ("Seq", DbType.Int64), ("Number", DbType.String), ("ChainSeq", DbType.Int64), ("PrevHash", DbType.String),
                ("Hash", DbType.String), ("Posted", DbType.String), ("PostedBy", DbType.String), ("Id", DbType.Int64));
            Set(header, posting.FiscalYear, posting.Sequence, posting.Number, posting.ChainSeq, posting.PrevHash, posting.Hash, Utc(now), user, id);
            if (await header.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new InvalidOperationException($"Entry {id} was not a claimed draft.");
            }
            var lines = Command("postLines", "UPDATE ledger_lines SET posted = 1 WHERE entry_id = @Id", ("Id", DbType.Int64));
            Set(lines, id);
            await lines.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>Inserts the entry's lines; answers them with their ids.</summary>
        public async Task<IReadOnlyList<LedgerLine>> InsertLinesAsync(long entryId, Prepared entry, bool posted, CancellationToken cancellationToken)
        {
            var command = Command("line", """
                INSERT INTO ledger_lines (entry_id, line_no, journal_code, date, account_code, debit, credit, currency, amount_currency, contact_id,
                  description, posted, is_closing)
                VALUES (@Entry, @LineNo, @Journal, @Date, @Account, @Debit, @Credit, @Currency, @AmountCurrency, @Contact, @Description, @Posted, @Closing)
                RETURNING id
                """, ("Entry", DbType.Int64), ("LineNo", DbType.Int32), ("Journal", DbType.String), ("Date", DbType.String), ("Account", DbType.String),
                ("Debit", DbType.Int64), ("Credit", DbType.Int64), ("Currency", DbType.String), ("AmountCurrency", DbType.Int64), ("Contact", DbType.String),
                ("Description", DbType.String), ("Posted", DbType.Int32), ("Closing", DbType.Int32));
            var date = LedgerDates.Text(entry.Draft.Date);
            var written = new List<LedgerLine>(entry.Lines.Count);
            foreach (var line in entry.Lines)
            {
                Set(command, entryId, line.LineNo, entry.Draft.Journal, date, line.Account, line.Debit, line.Credit, line.Currency, line.AmountCurrency,
                    line.ContactId, line.Description, posted ? 1 : 0, entry.IsClosing ? 1 : 0);
                written.Add(line with { Id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) });
            }
            return written;
        }

        public async Task AddBalanceAsync(string account, string date, int closing, long debit, long credit, CancellationToken cancellationToken)
        {
            var command = Command("balance", """
                INSERT INTO ledger_balances (account_code, date, is_closing, debit, credit) VALUES (@Account, @Date, @Closing, @Debit, @Credit)
                ON CONFLICT (account_code, date, is_closing)
                DO UPDATE SET debit = ledger_balances.debit + excluded.debit, credit = ledger_balances.credit + excluded.credit
                """, ("Account", DbType.String), ("Date", DbType.String), ("Closing", DbType.Int32), ("Debit", DbType.Int64), ("Credit", DbType.Int64));
            Set(command, account, date, closing, debit, credit);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private DbCommand Command(string key, string sql, params (string Name, DbType Type)[] parameters)
        {
            if (_commands.TryGetValue(key, out var existing))
            {
                return existing;
            }
            var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.DbType = type;
                parameter.Value = DBNull.Value;
                command.Parameters.Add(parameter);
            }
            command.Prepare();
            _commands[key] = command;
            return command;
        }

        private static void Set(DbCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }

        private static string Utc(DateTimeOffset when) => when.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _commands.Values)
            {
                await command.DisposeAsync();
            }
        }
    }
}
