using System.Buffers;
using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;

namespace ErpCrm.Ledger.Services;

internal sealed partial class LedgerWriter
{
    /// <summary>The prepared statements of one write, on the unit of work's connection and transaction.</summary>
    private sealed class Statements : IAsyncDisposable
    {
        private readonly DbConnection _connection;
        private readonly DbTransaction _transaction;
        private readonly Dictionary<string, DbCommand> _commands = [];

        private readonly bool _sqlite;
        private ArrayBufferWriter<byte>? _rows;

        private Statements(DbConnection connection, DbTransaction transaction, bool sqlite) => (_connection, _transaction, _sqlite) = (connection, transaction, sqlite);

        public static async Task<Statements> OpenAsync(IUnitOfWork unitOfWork, CancellationToken cancellationToken)
        {
            var transaction = await unitOfWork.BeginWriteAsync(cancellationToken);
            return new Statements(await unitOfWork.GetConnectionAsync(cancellationToken), transaction, unitOfWork.Dialect.Provider == DatabaseProvider.Sqlite);
        }

        /// <summary>Takes a journal's row for the transaction (FOR UPDATE on PostgreSQL; SQLite's write transaction excludes other writers).</summary>
        public async Task<JournalHead> LockJournalAsync(string journal, CancellationToken cancellationToken)
        {
            var command = Command("lockJournal",
                $"SELECT chain_length, last_hash, lock_date FROM ledger_journals WHERE code = @Journal{(_sqlite ? "" : " FOR UPDATE")}", ("Journal", DbType.String));
            Set(command, journal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"Journal {journal} vanished while posting.");
            }
            return new JournalHead(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : LedgerDates.Parse(reader.GetString(2)));
        }

        /// <summary>Advances a journal's chain head to its last posted entry (its row is locked since <see cref="LockJournalAsync"/>).</summary>
        public async Task SetChainHeadAsync(string journal, long length, string hash, CancellationToken cancellationToken)
        {
            var command = Command("chainHead", "UPDATE ledger_journals SET chain_length = @Length, last_hash = @Hash WHERE code = @Journal",
                ("Length", DbType.Int64), ("Hash", DbType.String), ("Journal", DbType.String));
            Set(command, length, hash, journal);
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

        /// <summary>Inserts a draft's header (no number, no hash); answers its id.</summary>
        public async Task<long> InsertDraftHeaderAsync(Prepared entry, DateTimeOffset created, string? createdBy, CancellationToken cancellationToken)
        {
            var command = Command("draft", """
                INSERT INTO ledger_entries (journal_code, date, due_date, reference, state, is_closing, version, total, created_utc, created_by)
                VALUES (@Journal, @Date, @Due, @Reference, 'draft', 0, 1, @Total, @Created, @CreatedBy)
                RETURNING id
                """, ("Journal", DbType.String), ("Date", DbType.String), ("Due", DbType.String), ("Reference", DbType.String), ("Total", DbType.Int64),
                ("Created", DbType.String), ("CreatedBy", DbType.String));
            Set(command, entry.Draft.Journal, LedgerDates.Text(entry.Draft.Date), LedgerDates.TextOrNull(entry.Draft.DueDate), entry.Draft.Reference,
                entry.Total, Utc(created), createdBy);
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

        /// <summary>Inserts posted entries' headers, many rows a statement; answers their ids in the entries' order (matched by number, not by
        /// the order rows come back in).</summary>
        public async Task<long[]> InsertPostedHeadersAsync(IReadOnlyList<Prepared> entries, IReadOnlyList<Posting> postings, DateTimeOffset now, string? user,
            CancellationToken cancellationToken)
        {
            var ids = new long[entries.Count];
            var at = new Dictionary<(string, string, long), int>(entries.Count);
            var created = Utc(now);
            for (var start = 0; start < entries.Count; start += HeadersPerStatement)
            {
                var count = Math.Min(HeadersPerStatement, entries.Count - start);
                var command = MultiRow("headers", """
                    INSERT INTO ledger_entries (journal_code, fiscal_year, number_seq, number, date, due_date, reference, state, is_closing, reversal_of,
                      version, total, chain_seq, prev_hash, hash, created_utc, created_by, posted_utc, posted_by)
                    """, "RETURNING id, journal_code, fiscal_year, number_seq", HeaderColumns, count);
                var cells = Rows(command, count, HeaderColumns.Length);
                for (var row = 0; row < count; row++)
                {
                    var (entry, posting) = (entries[start + row], postings[start + row]);
                    at[(entry.Draft.Journal, posting.FiscalYear, posting.Sequence)] = start + row;
                    cells.Text(entry.Draft.Journal).Text(posting.FiscalYear).Number(posting.Sequence).Text(posting.Number).Text(LedgerDates.Text(entry.Draft.Date))
                        .Text(LedgerDates.TextOrNull(entry.Draft.DueDate)).Text(entry.Draft.Reference).Text(EntryStates.Posted).Int(entry.IsClosing ? 1 : 0)
                        .Number(entry.ReversalOf).Int(1).Number(entry.Total).Number(posting.ChainSeq).Text(posting.PrevHash).Text(posting.Hash)
                        .Text(created).Text(user).Text(created).Text(user);
                }
                cells.Done();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids[at[(reader.GetString(1), reader.GetString(2), reader.GetInt64(3))]] = reader.GetInt64(0);
                }
            }
            return ids;
        }

        /// <summary>Inserts entries' lines, many rows a statement; answers each entry's lines with their ids.</summary>
        public async Task<Dictionary<long, IReadOnlyList<LedgerLine>>> InsertLinesAsync(IReadOnlyList<(long EntryId, Prepared Entry)> entries, bool posted,
            CancellationToken cancellationToken)
        {
            var all = new List<(long EntryId, Prepared Entry, LedgerLine Line, string Date)>(entries.Count * 2);
            foreach (var (entryId, entry) in entries)
            {
                var date = LedgerDates.Text(entry.Draft.Date);
                foreach (var line in entry.Lines)
                {
                    all.Add((entryId, entry, line, date));
                }
            }
            var written = new Dictionary<(long, int), long>(all.Count);
            for (var start = 0; start < all.Count; start += LinesPerStatement)
            {
                var count = Math.Min(LinesPerStatement, all.Count - start);
                var command = MultiRow("lines", """
                    INSERT INTO ledger_lines (entry_id, line_no, journal_code, date, account_code, debit, credit, currency, amount_currency, contact_id,
                      description, posted, is_closing)
                    """, "RETURNING id, entry_id, line_no", LineColumns, count);
                var cells = Rows(command, count, LineColumns.Length);
                for (var row = 0; row < count; row++)
                {
                    var (entryId, entry, line, date) = all[start + row];
                    cells.Number(entryId).Int(line.LineNo).Text(entry.Draft.Journal).Text(date).Text(line.Account).Number(line.Debit).Number(line.Credit)
                        .Text(line.Currency).Number(line.AmountCurrency).Text(line.ContactId).Text(line.Description).Int(posted ? 1 : 0).Int(entry.IsClosing ? 1 : 0);
                }
                cells.Done();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    written[(reader.GetInt64(1), reader.GetInt32(2))] = reader.GetInt64(0);
                }
            }
            return entries.ToDictionary(e => e.EntryId,
                e => (IReadOnlyList<LedgerLine>)e.Entry.Lines.Select(line => line with { Id = written[(e.EntryId, line.LineNo)] }).ToList());
        }

        /// <summary>
        /// On SQLite, adds the posted lines of <paramref name="entryIds"/> to the day balances in one statement that sums them in the
        /// engine, where a statement per balance row cost more than the lines' own inserts. Only when the ids run without a hole: this
        /// transaction holds SQLite's only write lock and inserted them one after another, so every line of an entry in that range is
        /// one of these. False when it does not apply (PostgreSQL, or ids with holes): the caller adds the balances it summed.
        /// </summary>
        public async Task<bool> AddBalancesFromLinesAsync(IReadOnlyList<long> entryIds, CancellationToken cancellationToken)
        {
            if (!_sqlite || entryIds.Count == 0)
            {
                return false;
            }
            var (first, last) = (entryIds.Min(), entryIds.Max());
            if (last - first + 1 != entryIds.Count)
            {
                return false;
            }
            // WHERE is needed before ON CONFLICT in an INSERT … SELECT on SQLite (its parser would read ON as a join's).
            var command = Command("balancesFromLines", """
                INSERT INTO ledger_balances (account_code, date, is_closing, debit, credit)
                SELECT account_code, date, is_closing, SUM(debit), SUM(credit) FROM ledger_lines
                WHERE entry_id BETWEEN @First AND @Last AND posted = 1
                GROUP BY account_code, date, is_closing
                ON CONFLICT (account_code, date, is_closing)
                DO UPDATE SET debit = ledger_balances.debit + excluded.debit, credit = ledger_balances.credit + excluded.credit
                """, ("First", DbType.Int64), ("Last", DbType.Int64));
            Set(command, first, last);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }

        /// <summary>Adds to the day balances, many rows a statement (each key once: the caller sums them first).</summary>
        public async Task AddBalancesAsync(IReadOnlyList<(string Account, string Date, int Closing, long Debit, long Credit)> balances, CancellationToken cancellationToken)
        {
            for (var start = 0; start < balances.Count; start += BalancesPerStatement)
            {
                var count = Math.Min(BalancesPerStatement, balances.Count - start);
                var command = MultiRow("balances", "INSERT INTO ledger_balances (account_code, date, is_closing, debit, credit)", """
                    ON CONFLICT (account_code, date, is_closing)
                    DO UPDATE SET debit = ledger_balances.debit + excluded.debit, credit = ledger_balances.credit + excluded.credit
                    """, BalanceColumns, count);
                var cells = Rows(command, count, BalanceColumns.Length);
                for (var row = 0; row < count; row++)
                {
                    var (account, date, closing, debit, credit) = balances[start + row];
                    cells.Text(account).Text(date).Int(closing).Number(debit).Number(credit);
                }
                cells.Done();
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        // Rows per statement. On PostgreSQL each statement is a round trip, so many rows a statement (well under its 65,535 parameters).
        // SQLite runs in process, where what costs is binding: it finds each parameter by name in a list, so a many-row VALUES statement
        // costs the square of its parameters, and even one row a statement spent more in binding than in the engine. There more than a
        // few rows go as one JSON text read by json_each in the engine (see MultiRow): one parameter a statement, however many rows, a few
        // hundred kilobytes at most.
        // On SQLite the rows' JSON is copied into an array of its own size for the parameter: kept under 85,000 bytes (a header's row
        // takes about 300, a line's about 80), the copy stays off the large object heap, whose allocations cost a batch more than its
        // statements (the statement is prepared once, whatever the count).
        private int HeadersPerStatement => _sqlite ? 200 : 100;
        private int LinesPerStatement => _sqlite ? 800 : 200;
        private int BalancesPerStatement => _sqlite ? 1_000 : 500;

        private static readonly DbType[] HeaderColumns =
        [
            DbType.String, DbType.String, DbType.Int64, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.Int32, DbType.Int64,
            DbType.Int32, DbType.Int64, DbType.Int64, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String,
        ];

        private static readonly DbType[] LineColumns =
        [
            DbType.Int64, DbType.Int32, DbType.String, DbType.String, DbType.String, DbType.Int64, DbType.Int64, DbType.String, DbType.Int64, DbType.String,
            DbType.String, DbType.Int32, DbType.Int32,
        ];

        private static readonly DbType[] BalanceColumns = [DbType.String, DbType.String, DbType.Int32, DbType.Int64, DbType.Int64];

        /// <summary>
        /// A prepared multi-row INSERT (<paramref name="insert"/> names the table and columns) of <paramref name="rows"/> rows, kept for
        /// reuse per row count; on SQLite one command for any count, taking the rows as JSON (see <see cref="RowCells"/>).
        /// </summary>
        private DbCommand MultiRow(string key, string insert, string suffix, DbType[] columns, int rows)
        {
            if (Json(rows))
            {
                // The rows come as one JSON array of rows, each an array of its cells, as UTF-8 bytes (a blob) read as the text they are, and
                // json_each walks it in the engine. (Measured on SQLite 3.53 with ledger_lines' indexes: 6.5 µs a row; one flat array of cells
                // put back together by GROUP BY took 13.5.) WHERE true: an INSERT … SELECT before ON CONFLICT needs one for SQLite's parser.
                var select = string.Join(", ", Enumerable.Range(0, columns.Length).Select(c => $"value ->> {c}"));
                return Command(key, $"{insert} SELECT {select} FROM json_each(CAST(@Rows AS TEXT)) WHERE true {suffix}", ("Rows", DbType.Binary));
            }
            var cacheKey = $"{key}:{rows}";
            if (_commands.TryGetValue(cacheKey, out var existing))
            {
                return existing;
            }
            // The text and parameters of a shape depend only on it: built once per process, not once per request.
            var (text, names) = Shapes.GetOrAdd(cacheKey, static (_, shape) => Shape(shape.insert, shape.suffix, shape.columns, shape.rows), (insert, suffix, columns, rows));
            return Command(cacheKey, text, names);
        }

        private static readonly ConcurrentDictionary<string, (string Sql, (string Name, DbType Type)[] Parameters)> Shapes = new(StringComparer.Ordinal);

        private static (string Sql, (string Name, DbType Type)[] Parameters) Shape(string insert, string suffix, DbType[] columns, int rows)
        {
            var sql = new StringBuilder(insert.Length + suffix.Length + rows * columns.Length * 8);
            sql.Append(insert).Append(" VALUES ");
            var parameters = new List<(string, DbType)>(rows * columns.Length);
            for (var row = 0; row < rows; row++)
            {
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < columns.Length; column++)
                {
                    var name = $"p{row}_{column}";
                    sql.Append(column == 0 ? "@" : ", @").Append(name);
                    parameters.Add((name, columns[column]));
                }
                sql.Append(')');
            }
            sql.Append(' ').Append(suffix);
            return (sql.ToString(), [.. parameters]);
        }

        /// <summary>Where a <see cref="MultiRow"/> command's cells go, row after row; <see cref="RowCells.Done"/> when all are in.</summary>
        private RowCells Rows(DbCommand command, int rows, int width)
        {
            if (!Json(rows))
            {
                return new RowCells(command, null, width);
            }
            // One buffer for every statement of the write, emptied (not cleared) for each: a batch's rows would otherwise allocate and
            // zero a new large buffer per statement.
            _rows ??= new ArrayBufferWriter<byte>(64 * 1024);
            _rows.ResetWrittenCount();
            return new RowCells(command, _rows, width);
        }

        // A few rows (an entry posted alone) bind cheaply as parameters, and the shorter statement prepares faster: each request prepares its own.
        private bool Json(int rows) => _sqlite && rows > 4;

        /// <summary>
        /// A multi-row command's cells: into its parameters in order, or on SQLite into one JSON array of rows, each an array of the row's
        /// cells (text, integer or null), which the statement reads back as the same SQL values. Typed, so no cell is boxed on SQLite.
        /// </summary>
        private sealed class RowCells(DbCommand command, ArrayBufferWriter<byte>? buffer, int width)
        {
            private readonly ArrayBufferWriter<byte>? _buffer = buffer;
            private Utf8JsonWriter? _json;
            private int _next;

            public RowCells Text(string? value) => Cell(value, static (writer, text) => writer.WriteStringValue(text));

            public RowCells Number(long? value) => value is { } number ? Cell(number, static (writer, n) => writer.WriteNumberValue(n)) : Text(null);

            /// <summary>A 32-bit cell: PostgreSQL's int columns take an int parameter, not a long.</summary>
            public RowCells Int(int value) => Cell(value, static (writer, n) => writer.WriteNumberValue(n));

            private RowCells Cell<T>(T? value, Action<Utf8JsonWriter, T> write)
            {
                if (_buffer is null)
                {
                    command.Parameters[_next++].Value = (object?)value ?? DBNull.Value;
                    return this;
                }
                if (_json is null)
                {
                    _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
                    _json.WriteStartArray();
                }
                if (_next % width == 0)
                {
                    _json.WriteStartArray();
                }
                if (value is null)
                {
                    _json.WriteNullValue();
                }
                else
                {
                    write(_json, value);
                }
                if (++_next % width == 0)
                {
                    _json.WriteEndArray();
                }
                return this;
            }

            /// <summary>Sets the JSON of the rows as the command's one parameter (SQLite); nothing more for parameters set in place.</summary>
            public void Done()
            {
                if (_buffer is null)
                {
                    return;
                }
                if (_json is null)
                {
                    _buffer.Write("[]"u8);
                }
                else
                {
                    _json.WriteEndArray();
                    _json.Dispose();
                }
                command.Parameters[0].Value = _buffer.WrittenSpan.ToArray();
            }
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
                // With its prefix: Microsoft.Data.Sqlite looks a bare name up once per prefix it might have, building a string each time,
                // which cost more than the rest of binding (Npgsql takes either).
                parameter.ParameterName = "@" + name;
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
