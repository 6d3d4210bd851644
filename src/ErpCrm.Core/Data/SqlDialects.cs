using ErpCrm.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ErpCrm.Core.Data;

/// <summary>SQLite: the embedded default.</summary>
public sealed class SqliteDialect : ISqlDialect
{
    public static readonly SqliteDialect Instance = new();

    private const int SqliteError = 1, SqliteBusy = 5, SqliteLocked = 6, SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555, SqliteConstraintUnique = 2067;

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;
    public string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
    public string ForUpdate => "";

    public bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint } e
        && e.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique;

    public bool IsTransientConflict(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };

    // SQLite reports an integer overflow as a plain SQLITE_ERROR: only its message tells it apart.
    public bool IsOutOfRange(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteError } e && e.Message.Contains("integer overflow", StringComparison.Ordinal);
}

/// <summary>PostgreSQL: a schema per tenant.</summary>
public sealed class PostgresDialect : ISqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public DatabaseProvider Provider => DatabaseProvider.Postgres;
    public string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
    public string ForUpdate => " FOR UPDATE";

    public bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public bool IsTransientConflict(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable };

    public bool IsOutOfRange(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.NumericValueOutOfRange };
}
