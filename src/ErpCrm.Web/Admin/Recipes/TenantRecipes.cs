using ErpCrm.Background;
using ErpCrm.Core;
using ErpCrm.Core.Recipes;
using ErpCrm.Core.Tenants;
using ErpCrm.Security;

namespace ErpCrm.Web.Admin.Recipes;

/// <summary>
/// Recipes for the request's tenant, as the API and the admin pages offer them: found by name only (never a server path),
/// validated and run with the tenant's parameters (its site name and first administrator).
/// A run acts as the signed-in user, who can do through a recipe only what they may do otherwise. Runs in the background are
/// kept by the host's <see cref="IBackgroundRuns"/> (kind <see cref="RunKind"/>), so the progress page finds them.
/// </summary>
public sealed class TenantRecipes(TenantAccessor tenant, RecipeLocator locator, RecipeParameters parameters, RecipeExecutor executor, IBackgroundRuns runs, ICurrentActor actor)
{
    /// <summary>The kind of the background runs of recipes.</summary>
    public const string RunKind = "recipe";

    public IReadOnlyList<Recipe> List() => locator.List();

    public Recipe? Find(string name) => string.IsNullOrWhiteSpace(name) ? null : locator.FindByName(name);

    public TenantInfo Tenant => tenant.Tenant;

    /// <summary>Checks the whole recipe against the tenant without changing anything.</summary>
    public async Task<RecipeRunResult> ValidateAsync(Recipe recipe, CancellationToken cancellationToken) =>
        await executor.ValidateAsync(recipe, await parameters.ForTenantAsync(cancellationToken), tenant.Features.Enabled, tenant.Tenant.IsDefault, actor.Actor, tenant.Tenant, cancellationToken);

    /// <summary>Validates and runs the recipe now; each step commits on its own (the caller's unit of work is not used).</summary>
    public async Task<RecipeRunResult> RunAsync(Recipe recipe, IProgress<RecipeProgress>? progress, CancellationToken cancellationToken) =>
        await executor.RunAsync(tenant.Tenant, recipe, await parameters.ForTenantAsync(cancellationToken), progress, actor.Actor, cancellationToken);

    /// <summary>Starts the run in the background (it goes on when the browser leaves); its progress is in the returned run.</summary>
    public async Task<BackgroundRun<Recipe, RecipeProgress, RecipeRunResult>> StartAsync(Recipe recipe, CancellationToken cancellationToken)
    {
        var values = await parameters.ForTenantAsync(cancellationToken);
        var target = tenant.Tenant;
        var runner = actor.Actor;
        RecipeProgress? last = null;
        return runs.Start<Recipe, RecipeProgress, RecipeRunResult>(RunKind, target.Name, recipe,
            progress => executor.RunAsync(target, recipe, values, new SynchronousProgress<RecipeProgress>(p =>
            {
                last = p;
                progress.Report(p);
            }), runner, CancellationToken.None),
            e => Failed(recipe, last, e));
    }

    /// <summary>The tenant's background run of a recipe with this id, if any.</summary>
    public BackgroundRun<Recipe, RecipeProgress, RecipeRunResult>? FindRun(Guid id) => runs.Find<Recipe, RecipeProgress, RecipeRunResult>(RunKind, id, tenant.Tenant.Name);

    /// <summary>A run that threw (the log has the details) ends as a failure of the step it was at.</summary>
    private static RecipeRunResult Failed(Recipe recipe, RecipeProgress? step, Exception e) =>
        new([new ErpCrm.Recipes.RecipeError(step?.StepIndex ?? 0, step?.StepName ?? recipe.Name, step is null ? "steps" : $"steps[{step.StepIndex - 1}]",
            $"the run failed: {e.GetBaseException().Message}")], []);

    /// <summary>A recipe's problems as the API and the pages show them: by JSON path, each "Step 3 ('content'): reason".</summary>
    public static IReadOnlyDictionary<string, string[]> ErrorsByPath(IReadOnlyList<ErpCrm.Recipes.RecipeError> errors) =>
        errors.GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(Message).ToArray(), StringComparer.Ordinal);

    public static string Message(ErpCrm.Recipes.RecipeError error) =>
        error.StepIndex == 0 ? error.Reason : $"Step {error.StepIndex} ('{error.StepName}'): {error.Reason}";
}
