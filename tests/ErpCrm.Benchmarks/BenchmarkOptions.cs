namespace ErpCrm.Benchmarks;

/// <summary>
/// How much each figure measures. The full run takes about 15 minutes on two cores with PostgreSQL (issue 15's sizes: 10,000
/// tenants, 100,000 content items, a million ledger lines); <c>--quick</c> takes a few seconds per figure, enough for a smoke
/// run, with fewer tenants and items.
/// </summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = "Usage: dotnet run -c Release --project tests/ErpCrm.Benchmarks [-- --quick] [--concurrency N] [--only tenants|features|endpoints|content|leads|ledger]";

    /// <summary>The PostgreSQL server the content figures also run on: a connection string to a database they may create databases from.</summary>
    public const string PostgresVariable = "ERPCRM_BENCH_POSTGRES";

    public static readonly IReadOnlyList<string> Figures = ["tenants", "features", "endpoints", "content", "leads", "ledger"];

    public bool Quick { get; init; }

    /// <summary>The one group of figures to run, or null for all of them.</summary>
    public string? Only { get; init; }

    /// <summary>The value of <see cref="PostgresVariable"/>, or null when the content figures run on SQLite only.</summary>
    public string? Postgres { get; init; }

    /// <summary>Test.Alpha enables timed, each on a tenant of its own, after <see cref="AlphaWarmUps"/> untimed ones.</summary>
    public int AlphaSamples { get; init; } = 30;
    public int AlphaWarmUps { get; init; } = 3;

    /// <summary>Test.Delta enable+disable pairs timed on one tenant, after <see cref="DeltaWarmUps"/> untimed ones.</summary>
    public int DeltaToggles { get; init; } = 50;
    public int DeltaWarmUps { get; init; } = 5;

    /// <summary>HTTP requests in flight at once, for every target alike.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Untimed load on each target first: the JIT's second tier, the thread pool and the GC settle in seconds, not at once.</summary>
    public TimeSpan LoadWarmUp { get; init; } = TimeSpan.FromSeconds(4);
    public TimeSpan LoadRound { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Timed rounds over every target, the order reversed each round so that no target always goes first. Many
    /// short rounds rather than a few long ones: with client and servers on two cores the rate drifts by tens of
    /// percent from one second to the next, and the median of many back-to-back comparisons sees through that.
    /// </summary>
    public int LoadRounds { get; init; } = 10;

    /// <summary>Tenants registered, and how many of them are set up and served (issue 15: 10,000 and 1,000).</summary>
    public int TenantsRegistered { get; init; } = 10_000;
    public int TenantsServed { get; init; } = 1_000;

    /// <summary>Served tenants whose first request after they were released for idleness is timed.</summary>
    public int ColdTenants { get; init; } = 50;

    /// <summary>Lead items created on each engine, <see cref="ContentBatch"/> per unit of work, and as many raw rows for the baseline.</summary>
    public int ContentItems { get; init; } = 100_000;
    public int ContentBatch { get; init; } = 1_000;

    /// <summary>
    /// Timed calls of each list query, after <see cref="ListWarmUps"/> untimed ones; fewer (but at least
    /// <see cref="ListMinimumSamples"/>) when a query is so slow that they would take longer than <see cref="ListBudget"/>.
    /// </summary>
    public int ListSamples { get; init; } = 60;
    public int ListMinimumSamples { get; init; } = 10;
    public int ListWarmUps { get; init; } = 5;
    public TimeSpan ListBudget { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Timed saves of the item with ten parts, each in its own unit of work, after <see cref="SaveWarmUps"/> untimed ones.</summary>
    public int SaveSamples { get; init; } = 100;
    public int SaveWarmUps { get; init; } = 10;

    /// <summary>Leads captured per engine through the capture service, one unit of work each (one in ten repeats an earlier email).</summary>
    public int LeadCaptures { get; init; } = 10_000;

    /// <summary>Timed batches of 2-line entries posted per engine through PostBatchAsync (a unit of work each), and as many raw batches.</summary>
    public int LedgerBatches { get; init; } = 20;
    public int LedgerBatchEntries { get; init; } = 1_000;

    /// <summary>Concurrent clients of the second API posting figure (the first posts from one client); rounds as the endpoint figures.</summary>
    public int LedgerApiClients { get; init; } = 4;

    /// <summary>The same on PostgreSQL, whose commits wait on the server (a round trip and its fsync): the issue's figure is at 16 clients.</summary>
    public int LedgerApiClientsPostgres { get; init; } = 16;
    public TimeSpan LedgerApiRound { get; init; } = TimeSpan.FromSeconds(3);
    public int LedgerApiRounds { get; init; } = 4;

    /// <summary>2-line entries loaded per engine for the report figures (a year of them), <see cref="LedgerLoadBatch"/> per unit of work.</summary>
    public int LedgerReportEntries { get; init; } = 500_000;
    public int LedgerLoadBatch { get; init; } = 10_000;

    /// <summary>Timed calls of each report, each in a scope of its own as a request has, after <see cref="LedgerReportWarmUps"/> untimed ones.</summary>
    public int LedgerReportSamples { get; init; } = 50;
    public int LedgerReportWarmUps { get; init; } = 5;

    public static readonly BenchmarkOptions Full = new();

    public static readonly BenchmarkOptions QuickRun = new()
    {
        Quick = true,
        AlphaSamples = 8,
        AlphaWarmUps = 2,
        DeltaToggles = 15,
        DeltaWarmUps = 3,
        LoadWarmUp = TimeSpan.FromSeconds(1.5),
        LoadRound = TimeSpan.FromSeconds(0.75),
        LoadRounds = 4,
        TenantsRegistered = 200,
        TenantsServed = 20,
        ColdTenants = 10,
        ContentItems = 2_000,
        ContentBatch = 500,
        ListSamples = 15,
        ListMinimumSamples = 5,
        ListWarmUps = 3,
        ListBudget = TimeSpan.FromSeconds(5),
        SaveSamples = 20,
        SaveWarmUps = 3,
        LeadCaptures = 1_000,
        LedgerBatches = 4,
        LedgerBatchEntries = 500,
        LedgerApiRound = TimeSpan.FromSeconds(1),
        LedgerApiRounds = 2,
        LedgerReportEntries = 50_000,
        LedgerReportSamples = 15,
        LedgerReportWarmUps = 3,
    };

    /// <summary>The options the arguments ask for, or the reason they cannot be understood.</summary>
    public static (BenchmarkOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = (args.Contains("--quick") ? QuickRun : Full) with
        {
            Postgres = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } postgres ? postgres : null,
        };
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--concurrency" when i + 1 < args.Count && int.TryParse(args[i + 1], out var concurrency) && concurrency is >= 1 and <= 1024:
                    options = options with { Concurrency = concurrency };
                    i++;
                    break;
                case "--concurrency":
                    return (null, "--concurrency needs a number of requests in flight, from 1 to 1024.");
                case "--only" when i + 1 < args.Count && Figures.Contains(args[i + 1]):
                    options = options with { Only = args[i + 1] };
                    i++;
                    break;
                case "--only":
                    return (null, $"--only needs one of: {string.Join(", ", Figures)}.");
                default:
                    return (null, $"Unknown argument '{args[i]}'.");
            }
        }
        return (options, null);
    }

    /// <summary>Whether a group of figures runs: all do unless <c>--only</c> names another.</summary>
    public bool Runs(string figure) => Only is null || Only == figure;
}
