namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>A database engine a group of figures runs on: its name, the tenant set up on it, and the PostgreSQL database (null on SQLite).</summary>
internal sealed record BenchmarkEngine(string Name, string Tenant, string? Postgres);

/// <summary>Runs figures on SQLite and, when a server is given, on a fresh PostgreSQL database dropped afterwards.</summary>
internal static class BenchmarkEngines
{
    /// <param name="tenantPrefix">The tenants are named this + Sqlite / Postgres.</param>
    public static async Task RunOnEachAsync(BenchmarkOptions options, string tenantPrefix, Func<BenchmarkEngine, Task> run, CancellationToken cancellationToken)
    {
        var engines = new List<BenchmarkEngine> { new("SQLite", tenantPrefix + "Sqlite", null) };
        string? database = null;
        if (options.Postgres is null)
        {
            Console.WriteLine($"   PostgreSQL: skipped (set {BenchmarkOptions.PostgresVariable}=<connection string to a server where it may create a database>, " +
                "or run tests/ErpCrm.Benchmarks/run.sh, which starts one).");
        }
        else
        {
            database = await BenchmarkPostgres.CreateDatabaseAsync(options.Postgres, cancellationToken);
            engines.Add(new BenchmarkEngine("PostgreSQL", tenantPrefix + "Postgres", database));
        }
        try
        {
            foreach (var engine in engines)
            {
                await run(engine);
            }
        }
        finally
        {
            if (database is not null)
            {
                await BenchmarkPostgres.DropDatabaseAsync(options.Postgres!, database);
            }
        }
    }
}
