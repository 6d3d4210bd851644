namespace ErpCrm.Data;

/// <summary>The database engines ErpCrm runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one SQLite file per tenant.</summary>
    Sqlite,
    /// <summary>PostgreSQL: one schema per tenant.</summary>
    Postgres,
}
