using System.Collections.Concurrent;
using ErpCrm.Core;
using ErpCrm.Core.Tenants;

namespace ErpCrm.Web.Admin;

/// <summary>A setup running in the background, with the steps it reported so far.</summary>
public sealed class SetupRun
{
    private readonly List<string> _lines = [];

    internal SetupRun(string adminUserName) => AdminUserName = adminUserName;

    public Guid Id { get; } = Guid.NewGuid();

    public string AdminUserName { get; }

    public Task<SetupResult> Completion { get; internal set; } = null!;

    /// <summary>The steps reported so far, in order.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    internal void Report(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}

/// <summary>
/// Runs setups off the request, so that the setup page can show a long recipe's progress step by step (it
/// refreshes itself, no JavaScript needed) and a closed browser does not stop a setup halfway.
/// </summary>
public sealed class SetupRuns(ILogger<SetupRuns> logger)
{
    private static readonly TimeSpan KeepFinished = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, (SetupRun Run, DateTimeOffset Started)> _runs = new();

    public SetupRun Start(string adminUserName, Func<IProgress<string>, Task<SetupResult>> setup)
    {
        foreach (var (id, entry) in _runs)
        {
            if (DateTimeOffset.UtcNow - entry.Started > KeepFinished && entry.Run.Completion.IsCompleted)
            {
                _runs.TryRemove(id, out _);
            }
        }
        var run = new SetupRun(adminUserName);
        run.Completion = Task.Run(async () =>
        {
            try
            {
                return await setup(new SynchronousProgress<string>(run.Report));
            }
            catch (Exception e)
            {
                logger.LogError(e, "Setup failed.");
                return new SetupResult(new Dictionary<string, string> { ["tenant"] = $"Setup failed: {e.GetBaseException().Message}" });
            }
        });
        _runs[run.Id] = (run, DateTimeOffset.UtcNow);
        return run;
    }

    public SetupRun? Find(Guid id) => _runs.TryGetValue(id, out var entry) ? entry.Run : null;
}
