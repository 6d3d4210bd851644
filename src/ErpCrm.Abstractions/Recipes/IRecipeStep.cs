using System.Text.Json.Nodes;

namespace ErpCrm.Recipes;

/// <summary>
/// A recipe step (Orchard Core's <c>{"name": "…", …}</c>) that a module contributes. Register implementations in a startup;
/// a step is known while its feature is on, or when the recipe itself enables that feature in an earlier step. Names match
/// ignoring case. The executor validates every step of a recipe before it runs any, then runs each step in its own unit of
/// work and transaction, which it commits when the step adds no error.
/// <para>
/// A recipe run by a user can do only what that user may do. Before anything runs, the executor checks that the user holds
/// every one of each step's <see cref="RequiredPermissions"/> and then asks each step to <see cref="AuthorizeAsync"/> what
/// it would change; every step the user may not perform is named, and nothing runs. While it runs, a step acts as that
/// user (<see cref="Security.ICurrentActor"/>) through the same services the API uses, which check again. Setup and the
/// command line run recipes as the system, which may do everything.
/// </para>
/// </summary>
public interface IRecipeStep
{
    /// <summary>The step's name as recipes spell it, e.g. <c>ContentDefinition</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The permissions (by <see cref="Security.Permission.Name"/>) a user must hold to run this step at all: the ones the
    /// API endpoints and admin pages that make the same changes require (e.g. <c>ManageFeatures</c> for <c>feature</c>).
    /// Return an empty list only for a step whose checks depend on its data; then check them in <see cref="AuthorizeAsync"/>.
    /// </summary>
    IReadOnlyList<string> RequiredPermissions { get; }

    /// <summary>
    /// Checks, before any step runs, that the user running the recipe may make the changes this step asks for, beyond
    /// holding <see cref="RequiredPermissions"/> — e.g. grant only permissions they hold, change only roles below their own,
    /// create items only of types they may edit. The user is the scope's <see cref="Security.ICurrentActor"/>; ask the
    /// same services the API does. Report each refusal with <see cref="RecipeStepContext.AddError"/>. Called for the system too
    /// (setup, the command line), which may do everything: checks that need the tenant's services — a nested recipe's own
    /// problems — belong here as well, so that they are found before the first step runs.
    /// </summary>
    Task AuthorizeAsync(RecipeStepContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Checks the step without changing anything, before any step of the recipe runs: everything the step's run would refuse
    /// whatever the tenant's data — its shape, the kinds of its values, ids that are not ids, names that no feature available
    /// to the recipe declares (<see cref="RecipeStepContext.Features"/>). Definitions a previous step creates do not exist yet,
    /// so check shapes, not existence. Report each problem with <see cref="RecipeStepContext.AddError"/> (a
    /// <see cref="RecipeStepReader"/> reads the JSON and reports for you). A problem found only while running leaves the
    /// steps before applied, so a check that needs no data belongs here, not in <see cref="RunAsync"/>.
    /// </summary>
    void Validate(RecipeStepContext context);

    /// <summary>
    /// Applies the step. Running the same step twice must leave the same state as running it once (no duplicates).
    /// A problem the shape could not show (a name taken, a reference missing) is reported with
    /// <see cref="RecipeStepContext.AddError"/>: the step's transaction is rolled back and the recipe stops there.
    /// </summary>
    Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken);
}

/// <summary>One step of a recipe being validated or run; its <c>[js:]</c> and <c>[file:]</c> values already evaluated.</summary>
public sealed class RecipeStepContext
{
    /// <summary>The step's JSON object.</summary>
    public required JsonObject Step { get; init; }

    /// <summary>The step's position in the recipe, from 1.</summary>
    public required int Index { get; init; }

    /// <summary>The step's name as the recipe spells it.</summary>
    public required string Name { get; init; }

    /// <summary>The recipe's name (for messages and nested recipes).</summary>
    public required string RecipeName { get; init; }

    /// <summary>
    /// The features available to the recipe: those on now, plus those its <c>feature</c> steps enable (with their
    /// dependencies). What a step names (permissions, part types) must be declared by one of them.
    /// </summary>
    public IReadOnlySet<string> Features { get; init; } = new HashSet<string>();

    /// <summary>The problems found so far; add through <see cref="AddError"/>.</summary>
    public required IList<RecipeError> Errors { get; init; }

    /// <summary>Reports a problem at <paramref name="path"/>, a JSON path inside the step (e.g. <c>ContentTypes[2].Name</c>; "" for the step).</summary>
    public void AddError(string path, string reason) =>
        Errors.Add(new RecipeError(Index, Name, path.Length == 0 ? $"steps[{Index - 1}]" : $"steps[{Index - 1}].{path}", reason));

    /// <summary>A property of the step by name, ignoring case (recipes spell <c>data</c> and <c>Data</c>).</summary>
    public JsonNode? Property(string name) =>
        Step.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The actual spelling of a property in the step (for error paths), or <paramref name="name"/>.</summary>
    public string PropertyName(string name) =>
        Step.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Key ?? name;
}

/// <summary>
/// A problem with a recipe: the step's index (from 1) and name, the JSON path and the reason. The reason always ends with
/// exactly one full stop (<see cref="Text.Sentence.End"/>), however it was built.
/// </summary>
public sealed record RecipeError(int StepIndex, string StepName, string Path, string Reason)
{
    /// <summary>Why, as one sentence ending with one full stop.</summary>
    public string Reason { get; init; } = Text.Sentence.End(Reason);

    /// <summary>One line: <c>Step 3 ('content') at steps[2].data[0].ContentType: …</c>.</summary>
    public override string ToString() => StepIndex == 0 ? $"{Path}: {Reason}" : $"Step {StepIndex} ('{StepName}') at {Path}: {Reason}";
}
