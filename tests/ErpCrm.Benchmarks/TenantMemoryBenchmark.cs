using System.Diagnostics;
using System.Net;
using ErpCrm.Benchmarks.Infrastructure;
using ErpCrm.Core;
using ErpCrm.Core.Hosting;
using ErpCrm.Core.Shell;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ErpCrm.Benchmarks;

/// <summary>
/// What many tenants cost: registering them through TenantService, setting some of them up (one after another, each through the
/// blank recipe as the setup page does), then the memory of the host with all of them registered and the set-up ones enabled for
/// Test.Delta and served one request each; then a cold tenant's first request: the host's clock is moved past the idle time, the
/// idle tenants are released (what a node holds for a tenant is built again by its next request), and the first request of some of
/// them is timed. Runs first, so that the process holds nothing from the other figures.
/// </summary>
internal static class TenantMemoryBenchmark
{
    /// <summary>Issue 15's aims: host memory with 10,000 tenants registered and 1,000 served, and a cold tenant's first request.</summary>
    public const double AimMegabytes = 1024;
    public const double AimColdMilliseconds = 50;
    private const double Megabyte = 1024 * 1024;

    public static async Task RunAsync(BenchmarkOptions options, string dataDirectory, ResultTable table, CancellationToken cancellationToken)
    {
        var registered = options.TenantsRegistered;
        var served = options.TenantsServed;
        Console.WriteLine($"== Tenants and memory ({registered:N0} registered, {served:N0} set up and served{(options.Quick ? $"; quick mode, the full run uses {BenchmarkOptions.Full.TenantsRegistered:N0} and {BenchmarkOptions.Full.TenantsServed:N0}" : "")})");
        var before = WorkingSetMegabytes();
        var clock = new ShiftedClock();
        await using var app = await RunningApp.StartAsync(BenchmarkApps.ErpCrm(dataDirectory, clock), cancellationToken);
        var tenants = new TenantOperations(app.Services);
        var names = Enumerable.Range(1, registered).Select(i => $"T{i:D5}").ToList();

        var registering = Stopwatch.StartNew();
        foreach (var name in names)
        {
            await tenants.RegisterAsync(name, cancellationToken);
        }
        var registerRate = registered / registering.Elapsed.TotalSeconds;
        Console.WriteLine($"   Registered {registered:N0} tenants in {registering.Elapsed.TotalSeconds:0.0} s: {registerRate:0.0} tenants/s.");

        var settingUp = Stopwatch.StartNew();
        foreach (var name in names.Take(served))
        {
            await tenants.SetUpAsync(name, cancellationToken);
        }
        var setUpRate = served / settingUp.Elapsed.TotalSeconds;
        Console.WriteLine($"   Set up {served:N0} tenants one after another, each through the '{TenantOperations.Recipe}' recipe, in {settingUp.Elapsed.TotalSeconds:0.0} s: {setUpRate:0.00} tenants/s.");

        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = app.BaseAddress };
        foreach (var name in names.Take(served))
        {
            await tenants.ChangeFeatureAsync(name, "Test.Delta", enable: true, cancellationToken);
            await GetAsync(client, name, cancellationToken);
        }

        var workingSet = WorkingSetMegabytes();
        var gcHeap = GC.GetTotalMemory(forceFullCollection: false) / Megabyte;
        var liveHeap = GC.GetTotalMemory(forceFullCollection: true) / Megabyte;
        var gcCommitted = GC.GetGCMemoryInfo().TotalCommittedBytes / Megabyte;
        var workingSetAfterGc = WorkingSetMegabytes();
        var met = workingSet < AimMegabytes;
        Console.WriteLine($"   Process working set: {before:0} MB before the host started, {workingSet:0} MB serving ({workingSetAfterGc:0} MB after a full GC); aim < {AimMegabytes:N0} MB {(met ? "met" : "NOT met")}.");
        Console.WriteLine($"   GC heap: {gcHeap:0} MB allocated, {liveHeap:0} MB live after a full GC, {gcCommitted:0} MB committed.");

        // Every tenant idle past the setting: the sweep releases them all, as it would after a quiet half hour.
        var usage = app.Services.GetRequiredService<TenantUsage>();
        clock.Advance(app.Services.GetRequiredService<IOptions<ErpCrmOptions>>().Value.IdleReleaseAfter + TimeSpan.FromMinutes(1));
        var released = usage.ReleaseIdle();
        var liveAfterRelease = GC.GetTotalMemory(forceFullCollection: true) / Megabyte;
        var workingSetAfterRelease = WorkingSetMegabytes();
        Console.WriteLine($"   Released {released:N0} idle tenants: working set {workingSetAfterRelease:0} MB, GC heap {liveAfterRelease:0} MB live after a full GC.");

        // Their first request builds again what the node holds for a tenant: the feature state, the database's connection pool and
        // first connection, the configuration the endpoint reads.
        var coldNames = names.Take(served).Where((_, i) => i % Math.Max(1, served / options.ColdTenants) == 0).Take(options.ColdTenants).ToList();
        var cold = new List<double>();
        foreach (var name in coldNames)
        {
            var started = Stopwatch.GetTimestamp();
            await GetAsync(client, name, cancellationToken);
            cold.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var coldSamples = new Samples(cold);
        var coldMet = coldSamples.P95 < AimColdMilliseconds;
        Console.WriteLine($"   A released tenant's first request (GET /<tenant>/api/test/delta), ms: {coldSamples}; aim < {AimColdMilliseconds:0} ms (p95) {(coldMet ? "met" : "NOT met")}.");
        // What is left: each tenant served since keeps pooled SQLite connections, each with its own page cache.
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"   Working set with every SQLite connection pool emptied: {WorkingSetMegabytes():0} MB.");

        var scale = $"{registered:N0} registered, {served:N0} served";
        table.Add($"Tenants registered through TenantService ({registered:N0})", $"{registerRate:0.0}/s");
        table.Add($"Tenants set up through the '{TenantOperations.Recipe}' recipe, one after another ({served:N0})", $"{setUpRate:0.00}/s");
        table.Add($"Working set ({scale})", $"{workingSet:0} MB", $"{before:0} MB no host", "", $"< {AimMegabytes:N0} MB", met);
        table.Add($"GC heap, live after full GC ({scale})", $"{liveHeap:0} MB");
        table.Add($"Working set after releasing {released:N0} idle tenants", $"{workingSetAfterRelease:0} MB");
        table.Add("A released tenant's first request, median", $"{coldSamples.Median:0.0} ms");
        table.Add($"A released tenant's first request, p95 (n={coldSamples.Count})", $"{coldSamples.P95:0.0} ms", "", "", $"< {AimColdMilliseconds:0} ms", coldMet);
    }

    private static async Task GetAsync(HttpClient client, string tenant, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"{tenant.ToLowerInvariant()}/api/test/delta", cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Tenant '{tenant}' answered {(int)response.StatusCode} on /api/test/delta.");
        }
    }

    private static double WorkingSetMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / Megabyte;
    }
}
