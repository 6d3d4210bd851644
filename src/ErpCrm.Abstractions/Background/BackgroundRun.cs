namespace ErpCrm.Background;

/// <summary>What every run of <see cref="IBackgroundRuns"/> has, whatever it works on.</summary>
public abstract class BackgroundRun
{
    private protected BackgroundRun(string kind, string? tenant, DateTimeOffset started)
    {
        Kind = kind;
        Tenant = tenant;
        Started = started;
    }

    /// <summary>The run's id: what a page's address carries to find it again.</summary>
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>What kind of work it is (<c>"recipe"</c>, <c>"setup"</c>…).</summary>
    public string Kind { get; }

    /// <summary>The tenant it belongs to, or null for work of the host.</summary>
    public string? Tenant { get; }

    /// <summary>When it started, by the host's clock.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>When it ended (succeeded or failed), or null while it runs.</summary>
    public DateTimeOffset? Finished { get; private protected set; }

    /// <summary>Whether it has ended.</summary>
    public bool IsFinished => Finished is not null;
}

/// <summary>
/// A run of <see cref="IBackgroundRuns"/>: its <see cref="Subject"/>, the progress it reported last (<see cref="Current"/>),
/// and the task of its result (<see cref="Completion"/>), which pages await briefly so that a quick run shows its outcome at once.
/// </summary>
public sealed class BackgroundRun<TSubject, TProgress, TResult> : BackgroundRun, IProgress<TProgress>
{
    private readonly Lock _lock = new();
    private TProgress? _current;

    /// <summary>Starts <paramref name="work"/> at once; <see cref="IBackgroundRuns.Start{TSubject, TProgress, TResult}"/> is how a module starts one.</summary>
    public BackgroundRun(string kind, string? tenant, TSubject subject, TimeProvider clock, Func<IProgress<TProgress>, Task<TResult>> work)
        : base(kind, tenant, clock.GetUtcNow())
    {
        Subject = subject;
        Completion = RunAsync(clock, work);
    }

    /// <summary>What the work is about (the recipe, the uploaded file…).</summary>
    public TSubject Subject { get; }

    /// <summary>The progress reported last (default before the first report).</summary>
    public TProgress? Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>The result; completed when <see cref="BackgroundRun.IsFinished"/>.</summary>
    public Task<TResult> Completion { get; }

    /// <summary>Keeps <paramref name="value"/> as <see cref="Current"/> at once, on the reporting thread.</summary>
    void IProgress<TProgress>.Report(TProgress value)
    {
        lock (_lock)
        {
            _current = value;
        }
    }

    private async Task<TResult> RunAsync(TimeProvider clock, Func<IProgress<TProgress>, Task<TResult>> work)
    {
        try
        {
            return await Task.Run(() => work(this));
        }
        finally
        {
            Finished = clock.GetUtcNow();
        }
    }
}
