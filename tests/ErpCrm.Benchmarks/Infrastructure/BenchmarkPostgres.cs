using Npgsql;

namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>A database of the benchmark's own on the PostgreSQL server it was given, dropped after (as the tests do with theirs).</summary>
internal static class BenchmarkPostgres
{
    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(string serverConnectionString, CancellationToken cancellationToken)
    {
        var name = "erp_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, Pooling = true }.ToString();
    }

    public static async Task DropDatabaseAsync(string serverConnectionString, string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
