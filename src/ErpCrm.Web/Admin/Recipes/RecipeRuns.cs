using System.Collections.Concurrent;
using ErpCrm.Core.Recipes;

namespace ErpCrm.Web.Admin.Recipes;

/// <summary>A recipe running in the background for the admin pages: where it is, and how it ended.</summary>
public sealed class RecipeRun
{
    private volatile RecipeProgress? _current;

    internal RecipeRun(string tenant, Recipe recipe)
    {
        Tenant = tenant;
        Recipe = recipe;
    }

    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>The tenant it runs on: only that tenant's pages show it.</summary>
    public string Tenant { get; }

    public Recipe Recipe { get; }

    /// <summary>The step running now (null before the first).</summary>
    public RecipeProgress? Current => _current;

    public Task<RecipeRunResult> Completion { get; internal set; } = null!;

    internal void Report(RecipeProgress progress) => _current = progress;
}

/// <summary>
/// Runs recipes off the request, as <see cref="SetupRuns"/> does for setup: the admin page refreshes itself with the step
/// running, and a closed browser does not stop a recipe halfway. Finished runs are forgotten after an hour.
/// </summary>
public sealed class RecipeRuns(ILogger<RecipeRuns> logger)
{
    private static readonly TimeSpan KeepFinished = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, (RecipeRun Run, DateTimeOffset Started)> _runs = new();

    public RecipeRun Start(string tenant, Recipe recipe, Func<IProgress<RecipeProgress>, Task<RecipeRunResult>> run)
    {
        foreach (var (id, entry) in _runs)
        {
            if (DateTimeOffset.UtcNow - entry.Started > KeepFinished && entry.Run.Completion.IsCompleted)
            {
                _runs.TryRemove(id, out _);
            }
        }
        var started = new RecipeRun(tenant, recipe);
        started.Completion = Task.Run(async () =>
        {
            try
            {
                return await run(new ImmediateProgress<RecipeProgress>(started.Report));
            }
            catch (Exception e)
            {
                logger.LogError(e, "Recipe {Recipe} failed on tenant {Tenant}.", recipe.Name, tenant);
                var step = started.Current;
                return new RecipeRunResult(
                    [new ErpCrm.Recipes.RecipeError(step?.StepIndex ?? 0, step?.StepName ?? recipe.Name, step is null ? "steps" : $"steps[{step.StepIndex - 1}]", $"the run failed: {e.GetBaseException().Message}")],
                    []);
            }
        });
        _runs[started.Id] = (started, DateTimeOffset.UtcNow);
        return started;
    }

    /// <summary>The run with this id, if it belongs to <paramref name="tenant"/>.</summary>
    public RecipeRun? Find(Guid id, string tenant) =>
        _runs.TryGetValue(id, out var entry) && string.Equals(entry.Run.Tenant, tenant, StringComparison.Ordinal) ? entry.Run : null;
}
