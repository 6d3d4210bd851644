using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using ErpCrm.Content;
using ErpCrm.Core.Data;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>
/// The books the ledger figures post: a chart of 32 accounts of every type (no receivable or payable account, whose lines would
/// need a contact), and 2-line entries in the base currency, each moving a seeded random amount from one account to another, in
/// one of the five journals in turn, dated through <see cref="Year"/> in order. The i-th entry is the same in every run and
/// through every path (service, raw SQL, API).
/// </summary>
internal static class BenchmarkLedger
{
    public const int Year = 2026;
    public static readonly DateOnly YearStart = new(Year, 1, 1), YearEnd = new(Year, 12, 31);

    private static readonly string[] Journals = ["GEN", "SAL", "PUR", "BNK", "CSH"];

    public static readonly IReadOnlyList<(string Code, string Name, string Type, string Subtype)> Chart =
    [
        ("1000", "Cash", "asset", "cash"), ("1010", "Petty cash", "asset", "cash"), ("1100", "Bank", "asset", "bank"),
        ("1110", "Savings account", "asset", "bank"), ("1300", "Stock", "asset", "stock"), ("1310", "Raw materials", "asset", "stock"),
        ("1400", "Prepayments", "asset", "prepayment"), ("1450", "Sales tax receivable", "asset", "tax"), ("1500", "Equipment", "asset", "fixed_asset"),
        ("1510", "Vehicles", "asset", "fixed_asset"), ("1590", "Accumulated depreciation", "asset", "depreciation"),
        ("2100", "Sales tax payable", "liability", "tax"), ("2200", "Accrued liabilities", "liability", "current_liability"),
        ("2300", "Wages payable", "liability", "current_liability"), ("2500", "Bank loan", "liability", "long_term_liability"),
        ("3000", "Share capital", "equity", "equity"), ("3900", "Retained earnings", "equity", "retained_earnings"),
        ("4000", "Sales", "income", "revenue"), ("4100", "Services", "income", "revenue"), ("4200", "Interest income", "income", "other_income"),
        ("4300", "Other income", "income", "other_income"), ("5000", "Cost of goods sold", "expense", "cost_of_sales"),
        ("5100", "Freight in", "expense", "cost_of_sales"), ("6000", "Wages", "expense", "operating_expense"), ("6100", "Rent", "expense", "operating_expense"),
        ("6200", "Utilities", "expense", "operating_expense"), ("6300", "Marketing", "expense", "operating_expense"),
        ("6400", "Travel", "expense", "operating_expense"), ("6500", "Office supplies", "expense", "operating_expense"),
        ("6800", "Depreciation", "expense", "depreciation"), ("6900", "Bank charges", "expense", "other_expense"), ("6950", "Interest", "expense", "other_expense"),
    ];

    /// <summary>Enables Contacts and the Ledger on a set-up tenant and creates <see cref="Chart"/> through the account service.</summary>
    public static async Task SetUpAsync(TenantOperations tenants, string tenant, CancellationToken cancellationToken)
    {
        await tenants.ChangeFeatureAsync(tenant, "ErpCrm.Contacts", enable: true, cancellationToken);
        await tenants.ChangeFeatureAsync(tenant, "ErpCrm.Ledger", enable: true, cancellationToken);
        await tenants.InTenantAsync(tenant, async services =>
        {
            var accounts = services.GetRequiredService<AccountService>();
            foreach (var (code, name, type, subtype) in Chart)
            {
                var result = await accounts.CreateAsync(new AccountInput(code, name, type, subtype, null, null, null), "", cancellationToken);
                Check(result, $"Creating account {code}");
            }
            return true;
        }, cancellationToken);
    }

    /// <summary>What one entry moves: its journal, date, accounts and amount in minor units.</summary>
    public sealed record Movement(long Index, string Journal, DateOnly Date, string Debit, string Credit, long Amount)
    {
        public EntryDraft Draft() => new(Journal, Date, $"Bench {Index}", [new LineDraft(Debit, Amount, 0), new LineDraft(Credit, 0, Amount)]);

        /// <summary>The entry as the API takes it, asking to post it; amounts as decimal strings.</summary>
        public string Json() => string.Create(CultureInfo.InvariantCulture,
            $$"""{"journal":"{{Journal}}","date":"{{LedgerDates.Text(Date)}}","reference":"Bench {{Index}}","post":true,"lines":[{"account":"{{Debit}}","debit":"{{Amount / 100}}.{{Amount % 100:00}}"},{"account":"{{Credit}}","credit":"{{Amount / 100}}.{{Amount % 100:00}}"}]}""");
    }

    /// <summary>The <paramref name="index"/>-th of <paramref name="count"/> entries spread over the year in order.</summary>
    public static Movement Entry(long index, long count)
    {
        // A cheap seeded mix of the index: the same entry every run, without a shared generator between threads.
        var mix = unchecked((ulong)(index + 1) * 0x9E3779B97F4A7C15UL);
        mix ^= mix >> 29;
        var debit = (int)(mix % (ulong)Chart.Count);
        var credit = (debit + 1 + (int)((mix >> 8) % (ulong)(Chart.Count - 1))) % Chart.Count;
        var amount = 1 + (long)((mix >> 16) % 1_000_000UL);
        var day = (int)(index * 365 / Math.Max(count, 1));
        return new Movement(index, Journals[index % Journals.Length], YearStart.AddDays(Math.Min(day, 364)), Chart[debit].Code, Chart[credit].Code, amount);
    }

    public static List<EntryDraft> Drafts(long first, int count, long total)
    {
        var drafts = new List<EntryDraft>(count);
        for (var i = first; i < first + count; i++)
        {
            drafts.Add(Entry(i, total).Draft());
        }
        return drafts;
    }

    public static T Check<T>(Result<T> result, string what) =>
        result.Status == ResultStatus.Done
            ? result.Value!
            : throw new InvalidOperationException($"{what} failed ({result.Status}): {result.Detail} {string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}"))}");

    public static async Task<long> ScalarAsync(DatabaseTarget database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: cancellationToken));
    }
}

/// <summary>
/// The raw baseline of batch posting: the same two line rows per entry inserted into a plain table with ledger_lines' columns (its
/// primary key, none of its indexes, checks, triggers or foreign key) by one prepared single-row INSERT, one transaction per batch,
/// on a connection opened as the unit of work opens its own. No header, number, hash or balance: only the rows.
/// </summary>
internal sealed class RawLedgerLines : IAsyncDisposable
{
    private const string Table = "bench_raw_ledger_lines";

    private readonly DbConnection _connection;
    private readonly DbCommand _insert;
    private long _entryId;

    private RawLedgerLines(DbConnection connection, DbCommand insert) => (_connection, _insert) = (connection, insert);

    /// <summary>Creates the plain table on the tenant's database (once, before any <see cref="OpenAsync"/>).</summary>
    public static async Task CreateTableAsync(DatabaseTarget database, CancellationToken cancellationToken)
    {
        var (id, bigint) = database.Provider == ErpCrm.Data.DatabaseProvider.Sqlite
            ? ("INTEGER PRIMARY KEY", "INTEGER")
            : ("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "BIGINT");
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"""
            CREATE TABLE {Table} (id {id}, entry_id {bigint} NOT NULL, line_no INTEGER NOT NULL, journal_code VARCHAR(16) NOT NULL,
              date VARCHAR(10) NOT NULL, account_code VARCHAR(32) NOT NULL, debit {bigint} NOT NULL, credit {bigint} NOT NULL, currency VARCHAR(3),
              amount_currency {bigint}, contact_id VARCHAR(64), description VARCHAR(500), posted INTEGER NOT NULL, is_closing INTEGER NOT NULL)
            """, cancellationToken: cancellationToken));
        // The same secondary indexes as ledger_lines: the rows are stored as findable as the ledger stores them.
        foreach (var (name, columns, where) in new[]
        {
            ("account", "account_code, date", ""), ("entry", "entry_id", ""), ("contact", "contact_id, account_code", " WHERE contact_id IS NOT NULL"),
        })
        {
            await connection.ExecuteAsync(new CommandDefinition($"CREATE INDEX ix_{Table}_{name} ON {Table} ({columns}){where}", cancellationToken: cancellationToken));
        }
    }

    /// <summary>A connection of its own with the INSERT prepared on it.</summary>
    public static async Task<RawLedgerLines> OpenAsync(DatabaseTarget database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        var insert = connection.CreateCommand();
        insert.CommandText = $"""
            INSERT INTO {Table} (entry_id, line_no, journal_code, date, account_code, debit, credit, currency, amount_currency, contact_id,
              description, posted, is_closing)
            VALUES (@Entry, @LineNo, @Journal, @Date, @Account, @Debit, @Credit, @Currency, @AmountCurrency, @Contact, @Description, @Posted, @Closing)
            """;
        foreach (var (name, type) in new[]
        {
            ("Entry", DbType.Int64), ("LineNo", DbType.Int32), ("Journal", DbType.String), ("Date", DbType.String), ("Account", DbType.String),
            ("Debit", DbType.Int64), ("Credit", DbType.Int64), ("Currency", DbType.String), ("AmountCurrency", DbType.Int64), ("Contact", DbType.String),
            ("Description", DbType.String), ("Posted", DbType.Int32), ("Closing", DbType.Int32),
        })
        {
            var parameter = insert.CreateParameter();
            // Prefixed as in the SQL: given a bare name, Microsoft.Data.Sqlite tries each prefix it might have on every execution.
            parameter.ParameterName = "@" + name;
            parameter.DbType = type;
            parameter.Value = DBNull.Value;
            insert.Parameters.Add(parameter);
        }
        insert.Prepare();
        return new RawLedgerLines(connection, insert);
    }

    /// <summary>Inserts the entries' lines in one transaction.</summary>
    public async Task InsertAsync(IReadOnlyList<EntryDraft> entries, CancellationToken cancellationToken)
    {
        await using var transaction = DatabaseTarget.BeginWrite(_connection);
        _insert.Transaction = transaction;
        foreach (var entry in entries)
        {
            var id = ++_entryId;
            var date = LedgerDates.Text(entry.Date);
            for (var n = 0; n < entry.Lines.Count; n++)
            {
                var line = entry.Lines[n];
                object?[] values = [id, n + 1, entry.Journal, date, line.Account, line.Debit, line.Credit, null, null, null, null, 1, 0];
                for (var p = 0; p < values.Length; p++)
                {
                    _insert.Parameters[p].Value = values[p] ?? DBNull.Value;
                }
                await _insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The floor under posting one entry per request: on a connection of its own, entry after entry's two line rows, each entry in a
    /// transaction of its own, until <paramref name="stopAt"/> (a <see cref="Stopwatch"/> timestamp); how many. A durable commit is most of it.
    /// </summary>
    public static async Task<long> TransactionPerEntryAsync(DatabaseTarget database, long stopAt, CancellationToken cancellationToken)
    {
        await using var raw = await OpenAsync(database, cancellationToken);
        var done = 0L;
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            await raw.InsertAsync([BenchmarkLedger.Entry(done % 36_500, 36_500).Draft()], cancellationToken);
            done++;
        }
        return done;
    }

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

/// <summary>
/// The disk's durable-commit rate, the ceiling a transaction per request meets: on a connection of its own, opened as the unit of work
/// opens one (SQLite: WAL, synchronous=FULL; PostgreSQL: fsync on), a write transaction inserting one small row, committed, again and again.
/// </summary>
internal static class DurableCommits
{
    private const string Table = "bench_durable_commits";

    public static async Task CreateTableAsync(DatabaseTarget database, CancellationToken cancellationToken)
    {
        var id = database.Provider == ErpCrm.Data.DatabaseProvider.Sqlite ? "INTEGER PRIMARY KEY" : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"CREATE TABLE {Table} (id {id}, client INTEGER NOT NULL, n BIGINT NOT NULL)",
            cancellationToken: cancellationToken));
    }

    /// <summary>Commits one-row transactions until <paramref name="stopAt"/> (a <see cref="Stopwatch"/> timestamp); how many.</summary>
    public static async Task<long> RunAsync(DatabaseTarget database, int client, long stopAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {Table} (client, n) VALUES (@Client, @N)";
        foreach (var (name, type) in new[] { ("@Client", DbType.Int32), ("@N", DbType.Int64) })
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = 0;
            insert.Parameters.Add(parameter);
        }
        insert.Prepare();
        var done = 0L;
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            await using var transaction = DatabaseTarget.BeginWrite(connection);
            insert.Transaction = transaction;
            insert.Parameters[0].Value = client;
            insert.Parameters[1].Value = done;
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            done++;
        }
        return done;
    }
}
