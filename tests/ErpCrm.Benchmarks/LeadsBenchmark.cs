using System.Diagnostics;
using System.Text.Json;
using Dapper;
using ErpCrm.Benchmarks.Infrastructure;
using ErpCrm.Content;
using ErpCrm.Core.Data;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Leads.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Benchmarks;

/// <summary>
/// What capturing a lead costs, on SQLite and, when a server is given, on PostgreSQL, each on a tenant set up with the
/// sales-team recipe (its stages, four scoring rules, round robin among three salespeople): every capture goes through
/// <see cref="LeadCaptureService.CaptureAsync"/> in a unit of work of its own, as a request has — validation, duplicate
/// detection against open leads and contacts, a Lead item stored through the content service (handlers, scoring, the round-robin
/// turn, the lead index and history) and the commit. One capture in ten repeats the email of an earlier one, and lands in that
/// lead's messages. Beside it, hand-written SQL on the same database does what a capture must (<see cref="RawLeadCaptures"/>): look
/// for an open lead and a contact with the email or phone, and write the rows a capture writes, in one transaction per lead.
/// </summary>
internal static class LeadsBenchmark
{
    public const double Aim = 0.5;
    private static readonly string[] Salespeople = ["ann", "ben", "cat"];

    public static async Task RunAsync(BenchmarkOptions options, string dataDirectory, ResultTable table, CancellationToken cancellationToken)
    {
        Console.WriteLine($"== Lead capture ({options.LeadCaptures:N0} captures per engine, one unit of work each, one in ten a duplicate" +
            $"{(options.Quick ? $"; quick mode, the full run captures {BenchmarkOptions.Full.LeadCaptures:N0}" : "")})");
        await using var app = await RunningApp.StartAsync(BenchmarkApps.ErpCrm(dataDirectory), cancellationToken);
        var tenants = new TenantOperations(app.Services);
        await BenchmarkEngines.RunOnEachAsync(options, "Leads", engine => RunOnAsync(engine, options, tenants, table, cancellationToken), cancellationToken);
    }

    /// <summary>The i-th capture: every tenth repeats the email of the capture five before it.</summary>
    private static LeadCaptureRequest Request(int i) => new(
        $"Visitor {i}",
        i % 10 == 9 ? $"visitor{i - 5}@example.com" : $"visitor{i}@example.com",
        i % 3 == 0 ? $"+1 555 {i:D7}" : null,
        i % 2 == 0 ? $"Company {i}" : null,
        i % 5 == 0 ? "Referral" : null,
        "Please call me back about your offer.");

    private static async Task RunOnAsync(BenchmarkEngine engine, BenchmarkOptions options, TenantOperations tenants, ResultTable table, CancellationToken cancellationToken)
    {
        await tenants.RegisterAsync(engine.Tenant, cancellationToken, engine.Postgres);
        await tenants.SetUpAsync(engine.Tenant, cancellationToken, engine.Postgres, recipe: "sales-team");
        await tenants.InTenantAsync(engine.Tenant, async services =>
        {
            foreach (var name in Salespeople)
            {
                await services.GetRequiredService<UserStore>().CreateAsync(name, name + "@example.com", "Correct-horse-1", ["Salesperson"], cancellationToken);
            }
            return true;
        }, cancellationToken);
        var database = await tenants.DatabaseOfAsync(engine.Tenant, cancellationToken);
        Console.WriteLine($"-- {engine.Name}: tenant '{engine.Tenant}' set up with the sales-team recipe and {Salespeople.Length} salespeople.");
        var count = options.LeadCaptures;

        double rawRate, oldStyleRate;
        TimeSpan rawCpu;
        await using (var raw = await RawLeadCaptures.OpenAsync(database, cancellationToken))
        {
            var oldStyle = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                await raw.OldStyleAsync(Request(i), i, cancellationToken);
            }
            oldStyleRate = count / oldStyle.Elapsed.TotalSeconds;
            var rawWatch = Stopwatch.StartNew();
            var rawCpuBefore = Environment.CpuUsage.TotalTime;
            for (var i = 0; i < count; i++)
            {
                await raw.CaptureAsync(Request(i), i, cancellationToken);
            }
            rawRate = count / rawWatch.Elapsed.TotalSeconds;
            rawCpu = Environment.CpuUsage.TotalTime - rawCpuBefore;
        }
        Console.WriteLine($"   Raw SQL: {count:N0} captures as a hand-written capture does them (an open-lead lookup; for a repeat a message and a history row, " +
            $"else a contact lookup, the round-robin turn and the lead's rows: document, index, lead index, trail, history; a transaction each): {rawRate:N0}/s.");
        Console.WriteLine($"     (the baseline before issue 15 looked up leads and wrote one row: {oldStyleRate:N0}/s; ErpCrm's ratio is to what a capture writes.)");

        var duplicates = 0;
        var watch = Stopwatch.StartNew();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        for (var i = 0; i < count; i++)
        {
            await using var scope = await tenants.ScopeAsync(engine.Tenant, cancellationToken);
            var result = await scope.ServiceProvider.GetRequiredService<LeadCaptureService>().CaptureAsync(Request(i), cancellationToken);
            if (result.Status != ResultStatus.Done)
            {
                throw new InvalidOperationException($"Capture {i} failed ({result.Status}): {result.Detail}");
            }
            duplicates += result.Value!.Created ? 0 : 1;
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync(cancellationToken);
            if (!options.Quick && count >= 4 && (i + 1) % (count / 4) == 0 && i + 1 < count)
            {
                Console.WriteLine($"     {i + 1:N0} captured, {(i + 1) / watch.Elapsed.TotalSeconds:N0}/s so far.");
            }
        }
        var rate = count / watch.Elapsed.TotalSeconds;
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var owners = await OwnersAsync(database, cancellationToken);
        var met = rate / rawRate >= Aim;
        Console.WriteLine($"   LeadCaptureService.CaptureAsync + commit: {count:N0} in {watch.Elapsed.TotalSeconds:0.0} s: {rate:N0}/s; ErpCrm/raw {rate / rawRate:0.00}, " +
            $"aim >= {Aim:0.0} {(met ? "met" : "NOT met")} (to the old baseline {rate / oldStyleRate:0.00}). " +
            $"{count - duplicates:N0} leads stored, {duplicates:N0} captures added to an open lead; leads per salesperson: {string.Join(", ", owners)}.");
        // The process's CPU (this process only: PostgreSQL's server work is not in it) says what a capture costs when the machine is busy.
        Console.WriteLine($"     process CPU per capture: ErpCrm {cpu.TotalMicroseconds / count:N0} µs, raw SQL {rawCpu.TotalMicroseconds / count:N0} µs.");
        table.Add($"Capture leads (scored, assigned, duplicates detected), {engine.Name} ({count:N0})", $"{rate:N0}/s", $"{rawRate:N0}/s raw SQL", $"{rate / rawRate:0.00}",
            $">= {Aim:0.0}", met);

        var statements = await tenants.InTenantAsync(engine.Tenant, services => StatementCounter.RecordAsync(services.GetRequiredService<IUnitOfWork>(), async () =>
        {
            await services.GetRequiredService<LeadCaptureService>().CaptureAsync(Request(count + 1), cancellationToken);
            await services.GetRequiredService<IUnitOfWork>().CommitAsync(cancellationToken);
        }, cancellationToken), cancellationToken);
        Console.WriteLine($"   One new lead's capture and commit send {statements.Count} statements: " +
            string.Join(", ", statements.GroupBy(StatementCounter.Kind).Select(g => $"{g.Count()} {g.Key}")) +
            (engine.Postgres is null ? "." : " (round trips: Npgsql reports a batch of statements as its first one)."));
    }

    private static async Task<IReadOnlyList<long>> OwnersAsync(DatabaseTarget database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM lead_index WHERE latest = @yes GROUP BY owner_id ORDER BY owner_id", new { yes = true }, cancellationToken: cancellationToken))).ToList();
    }
}
