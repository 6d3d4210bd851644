using System.Collections.Concurrent;
using ErpCrm.Background;
using Microsoft.Extensions.Logging;

namespace ErpCrm.Core.Background;

/// <summary>The kernel's <see cref="IBackgroundRuns"/>: runs in a dictionary, finished ones removed an hour after they ended as new ones start.</summary>
public sealed class BackgroundRuns(TimeProvider clock, ILogger<BackgroundRuns> logger) : IBackgroundRuns
{
    private readonly ConcurrentDictionary<Guid, BackgroundRun> _runs = new();

    public BackgroundRun<TSubject, TProgress, TResult> Start<TSubject, TProgress, TResult>(string kind, string? tenant, TSubject subject,
        Func<IProgress<TProgress>, Task<TResult>> work, Func<Exception, TResult>? failed = null)
    {
        Forget();
        var run = new BackgroundRun<TSubject, TProgress, TResult>(kind, tenant, subject, clock, async progress =>
        {
            try
            {
                return await work(progress);
            }
            catch (Exception e) when (Log(e, kind, tenant) && failed is not null)
            {
                return failed(e);
            }
        });
        _runs[run.Id] = run;
        return run;
    }

    public BackgroundRun<TSubject, TProgress, TResult>? Find<TSubject, TProgress, TResult>(string kind, Guid id, string? tenant) =>
        _runs.TryGetValue(id, out var run) && run is BackgroundRun<TSubject, TProgress, TResult> typed
        && string.Equals(run.Kind, kind, StringComparison.Ordinal) && string.Equals(run.Tenant, tenant, StringComparison.Ordinal)
            ? typed
            : null;

    private void Forget()
    {
        var before = clock.GetUtcNow() - IBackgroundRuns.KeepFinished;
        foreach (var (id, run) in _runs)
        {
            if (run.Finished < before)
            {
                _runs.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Logs a run's failure; true, so that the filter goes on to ask whether it becomes a result.</summary>
    private bool Log(Exception e, string kind, string? tenant)
    {
        logger.LogError(e, "Background run ({Kind}) failed on tenant {Tenant}.", kind, tenant ?? "(host)");
        return true;
    }
}
