using System.Data.Common;
using ErpCrm.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ErpCrm.Core.Data;

/// <summary>
/// Where one database lives: a SQLite file, or a PostgreSQL schema. Opens connections configured the way
/// the rest of the kernel expects (WAL and full sync on SQLite; the schema first on the search path on
/// PostgreSQL).
/// </summary>
public sealed class DatabaseTarget
{
    private readonly string _connectionString;
    private SqliteCommitQueue? _commitQueue;

    // Every database the kernel opens is a DatabaseTarget's: Dapper learns here that its cache may serve them all.
    static DatabaseTarget() => DapperQueryCache.ShareAcrossDatabases();

    private DatabaseTarget(DatabaseProvider provider, string connectionString, string? schema, string? filePath)
    {
        Provider = provider;
        _connectionString = connectionString;
        Schema = schema;
        FilePath = filePath;
        Dialect = provider == DatabaseProvider.Sqlite ? SqliteDialect.Instance : PostgresDialect.Instance;
    }

    /// <summary>How long a SQLite command waits for another connection's write lock before it fails.</summary>
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public DatabaseProvider Provider { get; }
    public ISqlDialect Dialect { get; }

    /// <summary>The PostgreSQL schema, or null on SQLite.</summary>
    public string? Schema { get; }

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? FilePath { get; }

    /// <summary>The connection string as connections use it.</summary>
    public string ConnectionString => _connectionString;

    public static DatabaseTarget ForSqliteFile(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        return new DatabaseTarget(DatabaseProvider.Sqlite, builder.ToString(), null, path);
    }

    public static DatabaseTarget ForPostgresSchema(string connectionString, string schema)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema };
        return new DatabaseTarget(DatabaseProvider.Postgres, builder.ToString(), schema, null);
    }

    /// <summary>Creates the file's folder or the schema if missing.</summary>
    public async Task EnsureExistsAsync(CancellationToken cancellationToken)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(FilePath!))!);
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE SCHEMA IF NOT EXISTS {Dialect.QuoteIdentifier(Schema!)}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The SQLite file's commit queue, shared by the units of work of the process; null on PostgreSQL.</summary>
    internal SqliteCommitQueue? CommitQueue => FilePath is null ? null : _commitQueue ??= SqliteCommitQueue.For(FilePath);

    /// <summary>How long a unit of work waits for its turn to write to a SQLite file, as long as SQLite's busy timeout.</summary>
    internal static TimeSpan WriteTurnTimeout => BusyTimeout;

    /// <summary>Opens a connection whose every commit is on disk when it returns.</summary>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(groupCommit: false, cancellationToken);

    /// <summary>
    /// Opens a connection for a unit of work. On a SQLite file in WAL mode its commits return before their fsync, and the unit
    /// waits for <see cref="CommitQueue"/>'s shared one before it answers; PostgreSQL groups concurrent commits' WAL flushes itself.
    /// </summary>
    internal Task<DbConnection> OpenForUnitOfWorkAsync(CancellationToken cancellationToken) => OpenAsync(groupCommit: true, cancellationToken);

    private async Task<DbConnection> OpenAsync(bool groupCommit, CancellationToken cancellationToken)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // Every open sets the level, since a pooled connection may come back from a unit of work that lowered it.
            var synchronous = groupCommit && await IsWriteAheadLogAsync(command, cancellationToken) ? "NORMAL" : "FULL";
            // A writer that finds the database locked waits inside SQLite, which retries within milliseconds of the lock's release;
            // left to Microsoft.Data.Sqlite, it would sleep 150 ms between tries, and concurrent writers would queue much longer.
            command.CommandText = $"PRAGMA synchronous={synchronous}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds};";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        var npgsql = new NpgsqlConnection(_connectionString);
        await npgsql.OpenAsync(cancellationToken);
        return npgsql;
    }

    /// <summary>
    /// Whether the file is in WAL mode, asked once per file: only there does a commit at synchronous=NORMAL keep every earlier
    /// commit intact whatever happens before the next fsync; a file in another journal mode keeps FULL.
    /// </summary>
    private async Task<bool> IsWriteAheadLogAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var queue = CommitQueue!;
        if (queue.WriteAheadLog is { } known)
        {
            return known;
        }
        command.CommandText = "PRAGMA journal_mode;";
        var mode = await command.ExecuteScalarAsync(cancellationToken) as string;
        return (queue.WriteAheadLog = string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>Begins a write transaction: IMMEDIATE on SQLite so that writers queue instead of deadlocking.</summary>
    public static DbTransaction BeginWrite(DbConnection connection) => connection switch
    {
        SqliteConnection sqlite => sqlite.BeginTransaction(deferred: false),
        _ => connection.BeginTransaction(System.Data.IsolationLevel.ReadCommitted),
    };
}
