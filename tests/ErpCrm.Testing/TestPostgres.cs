using Npgsql;

namespace ErpCrm.Testing;

/// <summary>
/// The PostgreSQL server the test command starts (<c>ERPCRM_TEST_POSTGRES</c>, a connection string to a
/// database the tests may create databases from). Each test host gets a database of its own, dropped after.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "ERPCRM_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with 'bash test.sh', which starts PostgreSQL and sets it, or point it at a server yourself.");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "erp_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true }.ToString();
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
