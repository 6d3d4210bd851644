// Prints ErpCrm's whole-system figures (feature switching, endpoint overhead, tenants and memory, content items, lead capture, ledger) and a summary table:
//   dotnet run -c Release --project tests/ErpCrm.Benchmarks            the full run, about 15 minutes on two cores with PostgreSQL (run.sh)
//   dotnet run -c Release --project tests/ErpCrm.Benchmarks -- --quick a few seconds per figure, for a CI smoke run
//   ... -- --only content                                              one group of figures (tenants, features, endpoints, content, leads or ledger)
//   bash tests/ErpCrm.Benchmarks/run.sh [arguments]                     the same with a private PostgreSQL server for the database figures
// It measures and prints; it asserts nothing. Its data folders live in a temporary folder deleted at the end.
using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using ErpCrm.Benchmarks;
using ErpCrm.Benchmarks.Infrastructure;
using ErpCrm.Web.Hosting;

var (options, error) = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var optimized = typeof(ErpCrmWebHost).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
Console.WriteLine($"ErpCrm benchmarks — {(options.Quick ? "QUICK mode (a few seconds per figure, fewer tenants)" : "full run")}");
Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
    $"{(optimized ? "Release" : "DEBUG build: figures are not meaningful, run with -c Release")}");

var workspace = Directory.CreateTempSubdirectory("erpcrm-bench-");
var table = new ResultTable();
var total = Stopwatch.StartNew();
try
{
    // Memory first, while the process holds nothing from the other figures.
    if (options.Runs("tenants"))
    {
        await TenantMemoryBenchmark.RunAsync(options, Path.Combine(workspace.FullName, "tenants"), table, cancellation.Token);
    }
    if (options.Runs("features"))
    {
        await FeatureSwitchingBenchmark.RunAsync(options, Path.Combine(workspace.FullName, "features"), table, cancellation.Token);
    }
    if (options.Runs("endpoints"))
    {
        await EndpointOverheadBenchmark.RunAsync(options, Path.Combine(workspace.FullName, "endpoints"), table, cancellation.Token);
    }
    if (options.Runs("content"))
    {
        await ContentBenchmark.RunAsync(options, Path.Combine(workspace.FullName, "content"), table, cancellation.Token);
    }
    if (options.Runs("leads"))
    {
        await LeadsBenchmark.RunAsync(options, Path.Combine(workspace.FullName, "leads"), table, cancellation.Token);
    }
    if (options.Runs("ledger"))
    {
        await LedgerBenchmark.RunAsync(options, Path.Combine(workspace.FullName, "ledger"), table, cancellation.Token);
    }

    Console.WriteLine();
    Console.WriteLine($"== Summary ({(options.Quick ? "quick mode" : "full run")}, {total.Elapsed.TotalSeconds:0} s)");
    table.Print(Console.Out);
    Console.WriteLine("Aims are those of issue 15's table (\"Aim met\": this run's value meets it); a figure without an aim is printed to explain another.");
    Console.WriteLine("Times are of the feature manager's call. Rates and CPU are medians over rounds; a rate ratio is the median of each");
    Console.WriteLine("round's ErpCrm/bare, measured back to back; a CPU ratio is ErpCrm's processor time per request over bare's (lower is better).");
    Console.WriteLine("Content ratios are ErpCrm over hand-written SQL on the same engine and data: for rates lower is slower, for times higher is slower.");
    Console.WriteLine("Ledger ratios: posting over raw INSERTs of the same line rows, and the API over a bare endpoint taking the same body (rates: lower is slower).");
    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
finally
{
    try
    {
        workspace.Delete(recursive: true);
    }
    catch (IOException e)
    {
        Console.Error.WriteLine($"Could not delete the data folder {workspace.FullName}: {e.Message}");
    }
}
