using System.Diagnostics;
using System.Text.Json.Nodes;
using ErpCrm.Core.Features;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Modules;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Modules;
using ErpCrm.Recipes;
using ErpCrm.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Recipes;

/// <summary>Where a run is: step i of n and its name.</summary>
public sealed record RecipeProgress(int StepIndex, int StepCount, string StepName)
{
    public override string ToString() => $"Step {StepIndex} of {StepCount}: {StepName}";
}

/// <summary>How one step ended: done, failed, or not run because an earlier one failed.</summary>
public sealed record RecipeStepOutcome(int Index, string Name, string Status, long ElapsedMilliseconds, string? Error);

/// <summary>The outcome of validating or running a recipe: the problems (none when it succeeded) and each step's outcome.</summary>
public sealed record RecipeRunResult(IReadOnlyList<RecipeError> Errors, IReadOnlyList<RecipeStepOutcome> Steps)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>A recipe whose values are evaluated and whose every step passed validation: ready to run.</summary>
public sealed record PreparedRecipe(Recipe Recipe, IReadOnlyList<RecipeStepContext> Steps);

/// <summary>
/// Runs recipes: validates the whole recipe first — its steps' names (a step of a module counts as known when its feature
/// is on or the recipe enables it), every scripted value, every step's <see cref="IRecipeStep.Validate"/>, and that the runner
/// may perform every step (<see cref="IRecipeStep.AuthorizeAsync"/>) — and changes nothing when anything is wrong. Then runs
/// the steps in order, each in its own unit of work (a fresh scope, one transaction, committed when the step succeeds) in
/// which the runner acts, reporting progress. A failure then (only what the data shows: a name taken, a part in use) stops
/// the run naming the step; the steps before it stay applied.
/// <para>
/// The runner is who started the run: a user (the API, the admin pages), who can do through a recipe only what they may do
/// through the API; or the system (setup, the command line).
/// </para>
/// </summary>
public sealed class RecipeExecutor(ModuleCatalog catalog, ServiceFeatureMap map, IServiceScopeFactory scopeFactory, TenantScopeFactory tenantScopes, RecipeLocator locator)
{
    /// <summary>How deep <c>recipes</c> steps may nest.</summary>
    public const int MaxNesting = 5;

    /// <summary>
    /// Validates a recipe for a tenant whose enabled features are <paramref name="enabled"/>, without changing anything. A
    /// user as <paramref name="runner"/> needs the <paramref name="tenant"/>, whose roles say what the user may do.
    /// </summary>
    public async Task<RecipeRunResult> ValidateAsync(Recipe recipe, IReadOnlyDictionary<string, string> parameters, IReadOnlySet<string> enabled, bool isDefaultTenant,
        Actor runner, TenantInfo? tenant = null, CancellationToken cancellationToken = default)
    {
        var (errors, prepared, available) = await PrepareAsync(recipe, parameters, enabled, isDefaultTenant, 0);
        if (errors.Count == 0 && prepared is not null && (tenant is not null || runner.Kind != ActorKind.System))
        {
            errors = await AuthorizeAsync(tenant ?? throw new ArgumentNullException(nameof(tenant), "A user's run is checked against a tenant."),
                prepared, parameters, available, runner, 0, cancellationToken);
        }
        return new(errors, []);
    }

    /// <summary>Validates, then runs the recipe on the tenant as <paramref name="runner"/>; nothing runs unless it all validates.</summary>
    public async Task<RecipeRunResult> RunAsync(TenantInfo tenant, Recipe recipe, IReadOnlyDictionary<string, string> parameters,
        IProgress<RecipeProgress>? progress, Actor runner, CancellationToken cancellationToken, int depth = 0)
    {
        IReadOnlySet<string> enabled;
        await using (var scope = await tenantScopes.CreateAsync(tenant, cancellationToken))
        {
            enabled = scope.ServiceProvider.GetRequiredService<TenantAccessor>().Features.Enabled;
        }
        var (errors, prepared, available) = await PrepareAsync(recipe, parameters, enabled, tenant.IsDefault, depth);
        if (errors.Count == 0 && prepared is not null)
        {
            errors = await AuthorizeAsync(tenant, prepared, parameters, available, runner, depth, cancellationToken);
        }
        if (errors.Count > 0 || prepared is null)
        {
            return new RecipeRunResult(errors, prepared?.Steps.Select(s => new RecipeStepOutcome(s.Index, s.Name, "not run", 0, null)).ToList() ?? []);
        }
        var outcomes = new List<RecipeStepOutcome>();
        foreach (var step in prepared.Steps)
        {
            progress?.Report(new RecipeProgress(step.Index, prepared.Steps.Count, step.Name));
            var watch = Stopwatch.StartNew();
            var failure = await RunStepAsync(tenant, recipe, parameters, step, runner, depth, cancellationToken);
            outcomes.Add(new RecipeStepOutcome(step.Index, step.Name, failure is null ? "done" : "failed", watch.ElapsedMilliseconds, failure?.ToString()));
            if (failure is not null)
            {
                outcomes.AddRange(prepared.Steps.Skip(step.Index).Select(s => new RecipeStepOutcome(s.Index, s.Name, "not run", 0, null)));
                return new RecipeRunResult(step.Errors.ToList(), outcomes);
            }
        }
        return new RecipeRunResult([], outcomes);
    }

    private async Task<RecipeError?> RunStepAsync(TenantInfo tenant, Recipe recipe, IReadOnlyDictionary<string, string> parameters, RecipeStepContext step,
        Actor runner, int depth, CancellationToken cancellationToken)
    {
        await using var scope = await tenantScopes.CreateAsync(tenant, cancellationToken, runner);
        var services = scope.ServiceProvider;
        Describe(services.GetRequiredService<RecipeRunContext>(), tenant, recipe, parameters, runner, depth, available: null);
        var implementation = services.GetRequiredService<IFeatureServices<IRecipeStep>>()
            .FirstOrDefault(s => string.Equals(s.Name, step.Name, StringComparison.OrdinalIgnoreCase));
        if (implementation is null)
        {
            step.AddError("name", $"the step '{step.Name}' is not available: its feature is not enabled.");
            return step.Errors[^1];
        }
        var unitOfWork = services.GetRequiredService<IUnitOfWork>();
        try
        {
            await implementation.RunAsync(step, cancellationToken);
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }
        if (step.Errors.Count > 0)
        {
            await unitOfWork.RollbackAsync(cancellationToken);
            return step.Errors[0];
        }
        // In the step's own transaction, by the runner: the audit trail holds a step exactly when its changes are in.
        await services.GetRequiredService<AuditLog>().RecordAsync(AuditKinds.RecipeStepRan, recipe.Name, $"Step {step.Index} '{step.Name}' ran.", cancellationToken);
        await unitOfWork.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// The steps the runner may not perform, each named: a permission of <see cref="IRecipeStep.RequiredPermissions"/> a user
    /// lacks, or what the step's own <see cref="IRecipeStep.AuthorizeAsync"/> refuses. Asked of the system too (which holds
    /// everything), so that what a step checks there — a nested recipe's own problems — is found before anything runs. Read
    /// in one scope of the tenant in which the runner acts; nothing is written.
    /// </summary>
    private async Task<IReadOnlyList<RecipeError>> AuthorizeAsync(TenantInfo tenant, PreparedRecipe prepared, IReadOnlyDictionary<string, string> parameters,
        IReadOnlySet<string> available, Actor runner, int depth, CancellationToken cancellationToken)
    {
        await using var scope = await tenantScopes.CreateAsync(tenant, cancellationToken, runner);
        var services = scope.ServiceProvider;
        Describe(services.GetRequiredService<RecipeRunContext>(), tenant, prepared.Recipe, parameters, runner, depth, available);
        var actor = services.GetRequiredService<CurrentActor>();
        var implementations = services.GetServices<IRecipeStep>().ToList();
        var errors = new List<RecipeError>();
        foreach (var ready in prepared.Steps)
        {
            var step = new RecipeStepContext { Step = ready.Step, Index = ready.Index, Name = ready.Name, RecipeName = ready.RecipeName, Features = available, Errors = errors };
            var implementation = Implementation(implementations, step.Name, available)!;
            var missing = new List<string>();
            foreach (var permission in runner.Kind == ActorKind.System ? Array.Empty<string>() : implementation.RequiredPermissions)
            {
                if (!await actor.HoldsAsync(permission, cancellationToken))
                {
                    missing.Add(permission);
                }
            }
            if (missing.Count > 0)
            {
                step.AddError("", $"you may not run this step: it needs {(missing.Count == 1 ? "the permission" : "the permissions")} "
                                  + $"{string.Join(", ", missing.Select(p => $"'{p}'"))}, which you do not hold.");
                continue;
            }
            await implementation.AuthorizeAsync(step, cancellationToken);
        }
        return errors;
    }

    private static void Describe(RecipeRunContext run, TenantInfo tenant, Recipe recipe, IReadOnlyDictionary<string, string> parameters, Actor runner, int depth,
        IReadOnlySet<string>? available)
    {
        run.Tenant = tenant;
        run.Parameters = parameters;
        run.Depth = depth;
        run.Directory = Path.GetDirectoryName(recipe.FilePath);
        run.Runner = runner;
        run.AvailableFeatures = available;
    }

    /// <summary>The implementation of a step's name whose features are all available, if any.</summary>
    private IRecipeStep? Implementation(IEnumerable<IRecipeStep> implementations, string name, IReadOnlySet<string> available) =>
        implementations.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase) && map.RequirementsOf(s.GetType()).All(available.Contains));

    /// <summary>Evaluates the values and validates every step; the problems, and the prepared recipe when there are none.</summary>
    private async Task<(IReadOnlyList<RecipeError> Errors, PreparedRecipe? Prepared, IReadOnlySet<string> Available)> PrepareAsync(Recipe recipe,
        IReadOnlyDictionary<string, string> parameters, IReadOnlySet<string> enabled, bool isDefaultTenant, int depth)
    {
        var errors = new List<RecipeError>();
        if (depth > MaxNesting)
        {
            return ([new RecipeError(0, recipe.Name, "steps", $"recipes nest more than {MaxNesting} deep (does '{recipe.Name}' run itself?).")], null, enabled);
        }
        var values = new RecipeValues(recipe.Variables, parameters, recipe.FilePath.Length == 0 ? null : Path.GetDirectoryName(recipe.FilePath));
        // Steps are only asked to check shapes here: their services need no tenant until they run.
        await using var scope = scopeFactory.CreateAsyncScope();
        var implementations = scope.ServiceProvider.GetServices<IRecipeStep>().ToList();
        var available = AvailableFeatures(recipe, enabled, isDefaultTenant);
        var steps = new List<RecipeStepContext>();
        for (var i = 0; i < recipe.Steps.Count; i++)
        {
            var path = $"steps[{i}]";
            if (recipe.Steps[i] is not JsonObject json || json["name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name) || name.Length == 0)
            {
                errors.Add(new RecipeError(i + 1, "?", path, "a step must be an object with a \"name\"."));
                continue;
            }
            var step = new RecipeStepContext { Step = (JsonObject)json.DeepClone(), Index = i + 1, Name = name, RecipeName = recipe.Name, Features = available, Errors = errors };
            var candidates = implementations.Where(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (candidates.Count == 0)
            {
                errors.Add(new RecipeError(i + 1, name, path + ".name", $"unknown step '{name}': no module of this host provides it."));
                continue;
            }
            var implementation = Implementation(candidates, name, available);
            if (implementation is null)
            {
                var needed = map.RequirementsOf(candidates[0].GetType());
                errors.Add(new RecipeError(i + 1, name, path + ".name",
                    $"the step '{name}' needs the feature(s) {string.Join(", ", needed.Select(f => $"'{f}'"))}: enable them in an earlier 'feature' step."));
                continue;
            }
            values.Evaluate(step.Step, step.Index, name, path, errors);
            implementation.Validate(step);
            steps.Add(step);
        }
        return (errors, errors.Count == 0 ? new PreparedRecipe(recipe, steps) : null, available);
    }

    /// <summary>The features on now, plus every feature the recipe's feature steps enable (with their dependencies and bridges).</summary>
    private HashSet<string> AvailableFeatures(Recipe recipe, IReadOnlySet<string> enabled, bool isDefaultTenant)
    {
        var baseline = FeatureResolver.PlanBaseline(catalog, enabled, isDefaultTenant);
        var available = new HashSet<string>(enabled, StringComparer.Ordinal);
        available.UnionWith(baseline.ToEnable.Select(f => f.Id));
        var requested = recipe.Steps.OfType<JsonObject>()
            .Where(s => s["name"] is JsonValue v && v.TryGetValue<string>(out var n) && string.Equals(n, "feature", StringComparison.OrdinalIgnoreCase))
            .SelectMany(s => (s["enable"] as JsonArray ?? []).OfType<JsonValue>())
            .Select(v => v.TryGetValue<string>(out var id) ? id : null)
            .OfType<string>()
            .Where(id => catalog.Find(id) is not null)
            .ToList();
        if (requested.Count > 0)
        {
            var plan = FeatureResolver.PlanEnable(catalog, available, requested, isDefaultTenant);
            available.UnionWith(plan.ToEnable.Select(f => f.Id));
        }
        return available;
    }

    /// <summary>
    /// The problems of a recipe that a <c>recipes</c> step of the run described by <paramref name="run"/> would run: its shape
    /// against the features the outer recipe makes available, and what its runner may not do.
    /// </summary>
    internal async Task<IReadOnlyList<RecipeError>> CheckNestedAsync(Recipe recipe, RecipeRunContext run, CancellationToken cancellationToken)
    {
        var tenant = run.Tenant ?? throw new InvalidOperationException("A nested recipe is checked within a run.");
        var (errors, prepared, available) = await PrepareAsync(recipe, run.Parameters, run.AvailableFeatures ?? new HashSet<string>(), tenant.IsDefault, run.Depth + 1);
        if (errors.Count == 0 && prepared is not null)
        {
            errors = await AuthorizeAsync(tenant, prepared, run.Parameters, available, run.Runner, run.Depth + 1, cancellationToken);
        }
        return errors;
    }

    /// <summary>Loads a recipe by name for a <c>recipes</c> step.</summary>
    internal (Recipe? Recipe, string? Error) Find(string name) => locator.Resolve(name);
}

/// <summary>What a step may need to know about the run it is part of (the tenant, the parameters, how deep recipes nest).</summary>
public sealed class RecipeRunContext
{
    public TenantInfo? Tenant { get; set; }

    public IReadOnlyDictionary<string, string> Parameters { get; set; } = new Dictionary<string, string>();

    public int Depth { get; set; }

    public string? Directory { get; set; }

    /// <summary>Who runs the recipe: a user, who may do only what they may do anyway, or the system.</summary>
    public Actor Runner { get; set; } = Actor.System;

    /// <summary>While steps are authorized before the run: the features on now plus those the recipe enables.</summary>
    public IReadOnlySet<string>? AvailableFeatures { get; set; }
}
