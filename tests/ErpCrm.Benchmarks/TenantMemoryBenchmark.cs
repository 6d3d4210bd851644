using System.Diagnostics;
using System.Net;
using ErpCrm.Benchmarks.Infrastructure;
using ErpCrm.Core.Shell;
using Microsoft.Data.Sqlite;

namespace ErpCrm.Benchmarks;

/// <summary>
/// What many tenants cost: registering them through TenantService, setting some of them up (one after another),
/// then the memory of the host with all of them registered and the set-up ones enabled for Test.Delta and served
/// one request each. Runs first, so that the process holds nothing from the other figures.
/// </summary>
internal static class TenantMemoryBenchmark
{
    public const double AimMegabytes = 400;
    private const double Megabyte = 1024 * 1024;

    public static async Task RunAsync(BenchmarkOptions options, string dataDirectory, ResultTable table, CancellationToken cancellationToken)
    {
        var registered = options.TenantsRegistered;
        var served = options.TenantsServed;
        Console.WriteLine($"== Tenants and memory ({registered:N0} registered, {served:N0} set up and served{(options.Quick ? $"; quick mode, the full run uses {BenchmarkOptions.Full.TenantsRegistered:N0} and {BenchmarkOptions.Full.TenantsServed:N0}" : "")})");
        var before = WorkingSetMegabytes();
        await using var app = await RunningApp.StartAsync(BenchmarkApps.ErpCrm(dataDirectory), cancellationToken);
        var tenants = new TenantOperations(app.Services);
        var names = Enumerable.Range(1, registered).Select(i => $"T{i:D4}").ToList();

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
        Console.WriteLine($"   Set up {served:N0} tenants one after another in {settingUp.Elapsed.TotalSeconds:0.0} s: {setUpRate:0.00} tenants/s.");

        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = app.BaseAddress };
        foreach (var name in names.Take(served))
        {
            await tenants.ChangeFeatureAsync(name, "Test.Delta", enable: true, cancellationToken);
            using var response = await client.GetAsync($"{name.ToLowerInvariant()}/api/test/delta", cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"Tenant '{name}' answered {(int)response.StatusCode} on /api/test/delta.");
            }
        }

        var workingSet = WorkingSetMegabytes();
        var gcHeap = GC.GetTotalMemory(forceFullCollection: false) / Megabyte;
        var liveHeap = GC.GetTotalMemory(forceFullCollection: true) / Megabyte;
        var gcCommitted = GC.GetGCMemoryInfo().TotalCommittedBytes / Megabyte;
        var workingSetAfterGc = WorkingSetMegabytes();
        var met = workingSet < AimMegabytes;
        Console.WriteLine($"   Process working set: {before:0} MB before the host started, {workingSet:0} MB serving ({workingSetAfterGc:0} MB after a full GC).");
        Console.WriteLine($"   GC heap: {gcHeap:0} MB allocated, {liveHeap:0} MB live after a full GC, {gcCommitted:0} MB committed. Aim < {AimMegabytes:0} MB working set: {(met ? "met" : "NOT met")}.");
        // Where the rest goes: each served tenant keeps pooled SQLite connections, each with its own page cache.
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"   Working set with the SQLite connection pools emptied: {WorkingSetMegabytes():0} MB.");

        var scale = $"{registered:N0} registered, {served:N0} served";
        table.Add($"Tenants registered through TenantService ({registered:N0})", $"{registerRate:0.0}/s");
        table.Add($"Tenants set up, one after another ({served:N0})", $"{setUpRate:0.00}/s");
        table.Add($"Working set ({scale})", $"{workingSet:0} MB", $"{before:0} MB no host", "", $"< {AimMegabytes:0} MB", met);
        table.Add($"GC heap, live after full GC ({scale})", $"{liveHeap:0} MB");
    }

    private static double WorkingSetMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / Megabyte;
    }
}
