namespace ErpCrm.Data;

/// <summary>
/// What differs between the databases ErpCrm supports. Keep SQL portable first (both engines accept
/// <c>ON CONFLICT</c>, <c>RETURNING</c>, <c>LIMIT/OFFSET</c>, <c>||</c>); reach for the dialect only for
/// what is really different.
/// </summary>
public interface ISqlDialect
{
    /// <summary>The engine.</summary>
    DatabaseProvider Provider { get; }

    /// <summary>Quotes a table or column name.</summary>
    string QuoteIdentifier(string identifier);

    /// <summary>
    /// A clause appended to a SELECT inside a write transaction to lock the rows read
    /// (<c>FOR UPDATE</c> on PostgreSQL; empty on SQLite, where a write transaction already excludes
    /// other writers).
    /// </summary>
    string ForUpdate { get; }

    /// <summary>True when the exception reports a unique or primary key violation.</summary>
    bool IsUniqueViolation(Exception exception);

    /// <summary>True when the exception reports a conflict that a retry of the whole transaction may
    /// resolve (a busy database, a serialization failure or a deadlock).</summary>
    bool IsTransientConflict(Exception exception);

    /// <summary>True when the exception reports a number beyond its type's range (a <c>SUM</c> of 64-bit values that needs more);
    /// only rows changed outside the application's rules can cause it, and a check that reads such rows reports it as a finding.</summary>
    bool IsOutOfRange(Exception exception);
}
