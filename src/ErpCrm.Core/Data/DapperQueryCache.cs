using System.Collections.Concurrent;
using System.Data.Common;

namespace ErpCrm.Core.Data;

/// <summary>
/// Lets Dapper's query cache serve every tenant. Dapper keys what it builds for a statement (the code that binds its parameters
/// and reads its rows, emitted at run time) by the statement, the types, and the connection string; every tenant has a connection
/// string of its own (its SQLite file, its PostgreSQL schema), so each tenant's first use of each statement would build that code
/// again, and the cache would hold a copy per tenant and statement. What Dapper builds depends on the statement, the types and the
/// database driver, never on which database a connection names, so its cache compares connection strings with the database
/// left out: tenants on one engine share one entry per statement.
/// </summary>
internal static class DapperQueryCache
{
    private static int _shared;

    /// <summary>Sets Dapper's connection string comparer, once per process.</summary>
    public static void ShareAcrossDatabases()
    {
        if (Interlocked.Exchange(ref _shared, 1) == 0)
        {
            Dapper.SqlMapper.ConnectionStringComparer = new DatabaseAgnosticComparer();
        }
    }

    /// <summary>Compares connection strings without the settings that name a database, a file, a schema or a secret.</summary>
    internal sealed class DatabaseAgnosticComparer : IEqualityComparer<string>
    {
        private static readonly string[] Naming = ["Data Source", "DataSource", "Filename", "Database", "Initial Catalog", "Search Path", "SearchPath", "Password", "Pwd"];

        // A process opens a handful of distinct strings per tenant; each is parsed once.
        private readonly ConcurrentDictionary<string, string> _families = new(StringComparer.Ordinal);

        public bool Equals(string? x, string? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && string.Equals(FamilyOf(x), FamilyOf(y), StringComparison.Ordinal));

        public int GetHashCode(string connectionString) => StringComparer.Ordinal.GetHashCode(FamilyOf(connectionString));

        internal string FamilyOf(string connectionString) => _families.GetOrAdd(connectionString, static text =>
        {
            var builder = new DbConnectionStringBuilder();
            try
            {
                builder.ConnectionString = text;
            }
            catch (ArgumentException)
            {
                return text;  // not one Dapper could have opened: compared whole, as Dapper would
            }
            foreach (var key in Naming)
            {
                builder.Remove(key);
            }
            return string.Join(";", builder.Keys.Cast<string>().Order(StringComparer.OrdinalIgnoreCase).Select(k => $"{k.ToLowerInvariant()}={builder[k]}"));
        });
    }
}
