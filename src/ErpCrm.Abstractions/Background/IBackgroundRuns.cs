namespace ErpCrm.Background;

/// <summary>
/// The host's one registry of work that runs off the request while a page or an API polls it: recipe runs, setups, imports.
/// A run has a kind (<c>"recipe"</c>, <c>"setup"</c>, <c>"contact-import"</c>…), the tenant it belongs to (only that tenant
/// finds it), a subject (what it works on: the recipe, the uploaded file), the progress it reported last, and its result.
/// Runs live in this process (a restart ends them); a finished run is forgotten <see cref="KeepFinished"/> after it ended.
/// Inject it as a singleton; its clock is the host's <see cref="TimeProvider"/>.
/// </summary>
public interface IBackgroundRuns
{
    /// <summary>How long a finished run can still be found (an hour).</summary>
    static readonly TimeSpan KeepFinished = TimeSpan.FromHours(1);

    /// <summary>
    /// Starts <paramref name="work"/> on the thread pool and answers at once. The work reports progress through the
    /// <see cref="IProgress{T}"/> it is given (kept as <see cref="BackgroundRun{TSubject, TProgress, TResult}.Current"/>, on
    /// the reporting thread). An exception is logged; with <paramref name="failed"/> it becomes that result, else the run's
    /// <see cref="BackgroundRun{TSubject, TProgress, TResult}.Completion"/> faults with it.
    /// </summary>
    /// <param name="kind">What kind of work this is; <see cref="Find{TSubject, TProgress, TResult}"/> asks for the same.</param>
    /// <param name="tenant">The tenant's name, or null for work of the host (setup of the first tenant).</param>
    /// <param name="subject">What the work is about, for the pages that show it.</param>
    /// <param name="work">The work; runs as whoever it arranges (start tenant work through <c>ITenantBackgroundWork</c>).</param>
    /// <param name="failed">Turns an exception into the result the pages show, or null to let the run fault.</param>
    BackgroundRun<TSubject, TProgress, TResult> Start<TSubject, TProgress, TResult>(string kind, string? tenant, TSubject subject,
        Func<IProgress<TProgress>, Task<TResult>> work, Func<Exception, TResult>? failed = null);

    /// <summary>The run of <paramref name="kind"/> with this id, if it belongs to <paramref name="tenant"/> and is not forgotten yet.</summary>
    BackgroundRun<TSubject, TProgress, TResult>? Find<TSubject, TProgress, TResult>(string kind, Guid id, string? tenant);
}
