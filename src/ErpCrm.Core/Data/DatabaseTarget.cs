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

    /// <summary>Opens a connection.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // A writer that finds the database locked waits inside SQLite, which retries within milliseconds of the lock's release;
            // left to Microsoft.Data.Sqlite, it would sleep 150 ms between tries, and concurrent writers would queue much longer.
            command.CommandText = $"PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds};";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        var npgsql = new NpgsqlConnection(_connectionString);
        await npgsql.OpenAsync(cancellationToken);
        return npgsql;
    }

    /// <summary>Begins a write transaction: IMMEDIATE on SQLite so that writers queue instead of deadlocking.</summary>
    public static DbTransaction BeginWrite(DbConnection connection) => connection switch
    {
        SqliteConnection sqlite => sqlite.BeginTransaction(deferred: false),
        _ => connection.BeginTransaction(System.Data.IsolationLevel.ReadCommitted),
    };
}
