using ErpCrm.Benchmarks.Infrastructure;
using ErpCrm.Core.Migrations;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Benchmarks;

/// <summary>
/// How long switching a feature takes on SQLite: enabling Test.Alpha, whose one migration runs on each
/// sample's own freshly set-up tenant, and toggling Test.Delta, which has none, on one tenant. Tenants are
/// set up before any timing; the clock covers the feature manager's call (plan, migrations, state write, commit).
/// </summary>
internal static class FeatureSwitchingBenchmark
{
    private const string Alpha = "Test.Alpha";
    private const string Delta = "Test.Delta";
    private const string DeltaTenant = "Toggles";

    public static async Task RunAsync(BenchmarkOptions options, string dataDirectory, ResultTable table, CancellationToken cancellationToken)
    {
        Console.WriteLine("== Feature switching (SQLite, WAL, synchronous=FULL)");
        await using var app = await RunningApp.StartAsync(BenchmarkApps.ErpCrm(dataDirectory), cancellationToken);
        var tenants = new TenantOperations(app.Services);

        var alphaTenants = Enumerable.Range(1, options.AlphaWarmUps + options.AlphaSamples).Select(i => $"Alpha{i:D3}").ToList();
        foreach (var name in alphaTenants.Append(DeltaTenant))
        {
            await tenants.RegisterAsync(name, cancellationToken);
            await tenants.SetUpAsync(name, cancellationToken);
        }
        Console.WriteLine($"   {alphaTenants.Count + 1} tenants set up before timing ('{TenantOperations.Recipe}' recipe).");

        var alphaTimes = new List<double>();
        foreach (var (name, index) in alphaTenants.Select((n, i) => (n, i)))
        {
            var elapsed = await tenants.ChangeFeatureAsync(name, Alpha, enable: true, cancellationToken);
            if (index >= options.AlphaWarmUps)
            {
                alphaTimes.Add(elapsed.TotalMilliseconds);
            }
        }
        await CheckMigrationRanAsync(app.Services, alphaTenants, cancellationToken);
        var alpha = new Samples(alphaTimes);
        Console.WriteLine($"   Enable {Alpha} (1 migration), ms: {alpha}; {options.AlphaWarmUps} warm-up sample(s) left out.");

        var enableTimes = new List<double>();
        var disableTimes = new List<double>();
        for (var i = 0; i < options.DeltaWarmUps + options.DeltaToggles; i++)
        {
            var enabled = await tenants.ChangeFeatureAsync(DeltaTenant, Delta, enable: true, cancellationToken);
            var disabled = await tenants.ChangeFeatureAsync(DeltaTenant, Delta, enable: false, cancellationToken);
            if (i >= options.DeltaWarmUps)
            {
                enableTimes.Add(enabled.TotalMilliseconds);
                disableTimes.Add(disabled.TotalMilliseconds);
            }
        }
        var deltaOn = new Samples(enableTimes);
        var deltaOff = new Samples(disableTimes);
        Console.WriteLine($"   Enable {Delta} (no migration), ms: {deltaOn}");
        Console.WriteLine($"   Disable {Delta}, ms: {deltaOff}; {options.DeltaWarmUps} warm-up toggle(s) left out.");

        AddRows(table, $"Enable {Alpha} (1 migration, fresh tenant each)", alpha);
        AddRows(table, $"Enable {Delta} (no migration)", deltaOn);
        AddRows(table, $"Disable {Delta}", deltaOff);
    }

    private static void AddRows(ResultTable table, string figure, Samples samples)
    {
        table.Add($"{figure}, median", $"{samples.Median:0.00} ms");
        table.Add($"{figure}, p95 (n={samples.Count})", $"{samples.P95:0.00} ms");
    }

    /// <summary>A sample where the migration was already applied would time the wrong thing.</summary>
    private static async Task CheckMigrationRanAsync(IServiceProvider services, IEnumerable<string> tenantNames, CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<TenantRegistry>();
        var migrator = services.GetRequiredService<FeatureMigrator>();
        foreach (var name in tenantNames)
        {
            var tenant = (await registry.FindAsync(name, cancellationToken))!;
            if ((await migrator.AppliedVersionsAsync(registry.DatabaseOf(tenant), Alpha, cancellationToken)).Count != 1)
            {
                throw new InvalidOperationException($"Tenant '{name}' does not record {Alpha}'s migration as applied once.");
            }
        }
    }
}
