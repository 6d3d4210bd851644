using Dapper;
using ErpCrm.Core.Data;

namespace ErpCrm.Core.Tests;

/// <summary>
/// Dapper's query cache serves every tenant of an engine: a statement run on a second tenant's database reuses what Dapper built for
/// the first, while connection strings of another engine or server keep entries of their own.
/// </summary>
public sealed class DapperQueryCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("erpcrm-dapper-").FullName;

    [Fact]
    public async Task A_statement_run_on_two_tenants_databases_is_cached_once()
    {
        var first = DatabaseTarget.ForSqliteFile(Path.Combine(_folder, "first.db"));
        var second = DatabaseTarget.ForSqliteFile(Path.Combine(_folder, "second.db"));
        // A statement no other test runs, so that the count below is this test's.
        var sql = $"SELECT @value + 1 AS next -- {Guid.NewGuid():N}";

        await using (var connection = await first.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(42, await connection.ExecuteScalarAsync<long>(sql, new { value = 41 }));
        }
        var cached = SqlMapper.GetCachedSQL().Count(c => c.Item2 == sql);
        await using (var connection = await second.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(8, await connection.ExecuteScalarAsync<long>(sql, new { value = 7 }));
        }

        Assert.Equal(1, cached);
        Assert.Equal(1, SqlMapper.GetCachedSQL().Count(c => c.Item2 == sql));
    }

    [Fact]
    public void Connection_strings_that_differ_only_in_the_database_they_name_are_one_family()
    {
        var comparer = new DapperQueryCache.DatabaseAgnosticComparer();
        var sqliteA = DatabaseTarget.ForSqliteFile("/data/tenants/a/erp.db").ConnectionString;
        var sqliteB = DatabaseTarget.ForSqliteFile("/data/tenants/b/erp.db").ConnectionString;
        var server = "Host=db.example;Port=5432;Username=erp;Password=made-up;Database=erp";
        var postgresA = DatabaseTarget.ForPostgresSchema(server, "tenant_a").ConnectionString;
        var postgresB = DatabaseTarget.ForPostgresSchema(server.Replace("Database=erp", "Database=other"), "tenant_b").ConnectionString;
        var otherServer = DatabaseTarget.ForPostgresSchema(server.Replace("db.example", "db2.example"), "tenant_a").ConnectionString;

        Assert.True(comparer.Equals(sqliteA, sqliteB));
        Assert.Equal(comparer.GetHashCode(sqliteA), comparer.GetHashCode(sqliteB));
        Assert.True(comparer.Equals(postgresA, postgresB));
        Assert.Equal(comparer.GetHashCode(postgresA), comparer.GetHashCode(postgresB));
        Assert.False(comparer.Equals(sqliteA, postgresA));
        Assert.False(comparer.Equals(postgresA, otherServer));
        Assert.False(comparer.Equals(sqliteA, "Server=db.example;Initial Catalog=erp;Integrated Security=true"));
        Assert.DoesNotContain("made-up", comparer.FamilyOf(postgresA), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
