using System.Diagnostics;
using ErpCrm.Benchmarks.Infrastructure;
using ErpCrm.Ledger.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Benchmarks;

/// <summary>
/// The report figures of <see cref="LedgerBenchmark"/>: a year of 2-line entries over the chart loaded through PostBatchAsync as fast
/// as it goes (big batches, a unit of work each), then the trial balance of the year and the balance sheet at its end timed, each call
/// in a scope of its own as a request has. Both read ledger_balances (a row per account and day), never the lines.
/// </summary>
internal static class LedgerReportFigures
{
    private sealed record Report(string Name, Func<IServiceProvider, CancellationToken, Task<int>> Run);

    // The report service's own calls, as the report endpoints and pages make them.
    private static readonly Report[] Reports =
    [
        new($"trial balance {BenchmarkLedger.Year}", async (services, ct) =>
            (await services.GetRequiredService<LedgerReportService>().TrialBalanceAsync(BenchmarkLedger.YearStart, BenchmarkLedger.YearEnd, ct)).Lines.Count),
        new($"balance sheet at {LedgerDates.Text(BenchmarkLedger.YearEnd)}", async (services, ct) =>
        {
            var sheet = await services.GetRequiredService<LedgerReportService>().BalanceSheetAsync(BenchmarkLedger.YearEnd, ct);
            return sheet.Assets.Lines.Count + sheet.Liabilities.Lines.Count + sheet.Equity.Lines.Count;
        }),
    ];

    private const string Source = "LedgerReportService over ledger_balances";

    public static async Task RunAsync(BenchmarkEngine engine, BenchmarkOptions options, TenantOperations tenants, ResultTable table, CancellationToken cancellationToken)
    {
        var database = await LedgerBenchmark.SetUpAsync(engine, tenants, "reports", cancellationToken);
        var count = options.LedgerReportEntries;
        var watch = Stopwatch.StartNew();
        for (var first = 0; first < count;)
        {
            var size = Math.Min(options.LedgerLoadBatch, count - first);
            var drafts = BenchmarkLedger.Drafts(first, size, count);
            await tenants.InTenantAsync(engine.Tenant, async services =>
                BenchmarkLedger.Check(await services.GetRequiredService<ILedgerPostingService>().PostBatchAsync(drafts, cancellationToken), "Loading a batch").Count,
                cancellationToken);
            first += size;
            if (!options.Quick && count >= 4 && first % (count / 4) == 0 && first < count)
            {
                Console.WriteLine($"     {first:N0} entries loaded, {first / watch.Elapsed.TotalSeconds:N0}/s so far.");
            }
        }
        var loaded = watch.Elapsed;
        Console.WriteLine($"   Loaded {count:N0} entries ({count * 2:N0} lines) over {BenchmarkLedger.Year} through PostBatchAsync, {options.LedgerLoadBatch:N0} per unit of work, " +
            $"in {loaded.TotalSeconds:0.0} s: {count / loaded.TotalSeconds:N0} entries/s, {count * 2 / loaded.TotalSeconds:N0} lines/s.");
        if (engine.Postgres is not null)
        {
            // As ContentBenchmark: autovacuum would analyse the tables shortly; the figures should not depend on when it wakes.
            await BenchmarkLedger.ScalarAsync(database, "VACUUM ANALYZE", cancellationToken);
            Console.WriteLine("   VACUUM ANALYZE run after the load, as autovacuum would shortly.");
        }
        var lines = await BenchmarkLedger.ScalarAsync(database, "SELECT COUNT(*) FROM ledger_lines WHERE posted = 1", cancellationToken);
        var lineDebits = await BenchmarkLedger.ScalarAsync(database, "SELECT CAST(SUM(debit) AS BIGINT) FROM ledger_lines WHERE posted = 1", cancellationToken);
        var balanceDebits = await BenchmarkLedger.ScalarAsync(database, "SELECT CAST(SUM(debit) AS BIGINT) FROM ledger_balances", cancellationToken);
        var balances = await BenchmarkLedger.ScalarAsync(database, "SELECT COUNT(*) FROM ledger_balances", cancellationToken);
        if (lines != count * 2L || lineDebits != balanceDebits)
        {
            throw new InvalidOperationException($"ledger_lines holds {lines:N0} posted lines (expected {count * 2L:N0}); their debits {lineDebits} and ledger_balances' {balanceDebits} differ.");
        }
        Console.WriteLine($"   {lines:N0} posted lines, summed in {balances:N0} ledger_balances rows (account and day); their debits agree with the lines'.");

        foreach (var report in Reports)
        {
            var times = new List<double>();
            var rows = 0;
            for (var i = 0; i < options.LedgerReportWarmUps + options.LedgerReportSamples; i++)
            {
                await using var scope = await tenants.ScopeAsync(engine.Tenant, cancellationToken);
                var started = Stopwatch.GetTimestamp();
                rows = await report.Run(scope.ServiceProvider, cancellationToken);
                if (i >= options.LedgerReportWarmUps)
                {
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
            var samples = new Samples(times);
            var met = samples.Median < LedgerBenchmark.ReportAimMilliseconds;
            Console.WriteLine($"   {report.Name} ({rows} accounts), {Source}, ms: {samples}; aim < {LedgerBenchmark.ReportAimMilliseconds:0} ms (median) {(met ? "met" : "NOT met")}.");
            table.Add($"Ledger {report.Name} over {lines:N0} lines, {engine.Name}, median", $"{samples.Median:0.00} ms", "", "",
                $"< {LedgerBenchmark.ReportAimMilliseconds:0} ms", met);
            table.Add($"Ledger {report.Name} over {lines:N0} lines, {engine.Name}, p95 (n={samples.Count})", $"{samples.P95:0.00} ms");
        }
    }
}
