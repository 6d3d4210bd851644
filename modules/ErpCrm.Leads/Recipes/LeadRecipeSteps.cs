using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Recipes;

namespace ErpCrm.Leads.Recipes;

/// <summary>
/// A step that replaces one list of the pipeline's configuration, checked whole in <see cref="Validate"/> (before any step of the
/// recipe runs) and applied by the module's service, so a recipe and the API obey the same rules. Replacing with the same list
/// again leaves the same state: the steps are idempotent.
/// </summary>
public abstract class PipelineListStep<TInput> : IRecipeStep where TInput : class
{
    public abstract string Name { get; }

    /// <summary>What the pipeline settings page and API require for the same changes.</summary>
    public IReadOnlyList<string> RequiredPermissions => [Permissions.ManagePipeline.Name];

    /// <summary>The step's property holding the list (<c>stages</c>, <c>rules</c>).</summary>
    protected abstract string ListProperty { get; }

    /// <summary>Checks the list; adds errors keyed by path.</summary>
    protected abstract void Check(IReadOnlyList<TInput?> list, Dictionary<string, string> errors);

    protected abstract Task<IReadOnlyDictionary<string, string>> ApplyAsync(IReadOnlyList<TInput?> list, RecipeStepContext context, CancellationToken cancellationToken);

    public void Validate(RecipeStepContext context)
    {
        var errors = new Dictionary<string, string>();
        if (Read(context, errors) is { } list)
        {
            Check(list, errors);
        }
        Report(context, errors);
    }

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken) =>
        Report(context, await ApplyAsync(Read(context, new Dictionary<string, string>())!, context, cancellationToken));

    private List<TInput?>? Read(RecipeStepContext context, Dictionary<string, string> errors) =>
        context.Property(ListProperty) is JsonArray array
            ? LeadJson.Read<List<TInput?>>(array, ListProperty, errors)
            : Error(errors, ListProperty, $"{ListProperty} must be an array.");

    private static List<TInput?>? Error(Dictionary<string, string> errors, string path, string message)
    {
        errors[path] = message;
        return null;
    }

    /// <summary>Reports errors keyed like "rules[2].points" at the step's own spelling of the list property.</summary>
    private void Report(RecipeStepContext context, IReadOnlyDictionary<string, string> errors)
    {
        foreach (var (path, reason) in errors)
        {
            var spelled = path.StartsWith(ListProperty, StringComparison.Ordinal) ? context.PropertyName(ListProperty) + path[ListProperty.Length..] : path;
            context.AddError(spelled, reason);
        }
    }

    protected static IReadOnlyDictionary<string, string> ErrorsOf<T>(Result<T> result) =>
        result.Status == ResultStatus.Done ? new Dictionary<string, string>()
        : result.Errors.Count > 0 ? result.Errors : new Dictionary<string, string> { [""] = result.Detail };
}

/// <summary><c>{"name": "PipelineStages", "stages": [{"name", "probability", "isWon", "isLost"}], "moveLeads": {"Old": "New"}}</c>: replaces the pipeline's stages.</summary>
public sealed class PipelineStagesStep(PipelineStageService stages) : PipelineListStep<PipelineStageInput>
{
    public override string Name => PipelineStageService.StepName;

    protected override string ListProperty => "stages";

    protected override void Check(IReadOnlyList<PipelineStageInput?> list, Dictionary<string, string> errors) => PipelineStageRules.Validate(list, ListProperty, errors);

    protected override async Task<IReadOnlyDictionary<string, string>> ApplyAsync(IReadOnlyList<PipelineStageInput?> list, RecipeStepContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var moves = context.Property("moveLeads") is { } node ? LeadJson.Read<Dictionary<string, string>>(node, "moveLeads", errors) : null;
        return errors.Count > 0 ? errors : ErrorsOf(await stages.ReplaceAsync(list, moves, cancellationToken));
    }
}

/// <summary><c>{"name": "LeadScoringRules", "rules": [{"name", "when": {"field", "operator", "value"}, "points"}]}</c>: replaces the scoring rules.</summary>
public sealed class LeadScoringRulesStep(LeadRuleService rules) : PipelineListStep<ScoringRule>
{
    public override string Name => "LeadScoringRules";

    protected override string ListProperty => "rules";

    protected override void Check(IReadOnlyList<ScoringRule?> list, Dictionary<string, string> errors) => LeadRuleRules.ValidateScoring(list, ListProperty, errors);

    protected override async Task<IReadOnlyDictionary<string, string>> ApplyAsync(IReadOnlyList<ScoringRule?> list, RecipeStepContext context, CancellationToken cancellationToken) =>
        ErrorsOf(await rules.ReplaceScoringAsync(list, cancellationToken));
}

/// <summary><c>{"name": "LeadAssignmentRules", "rules": [{"name", "when"?, "user" | "roundRobinRole"}]}</c>: replaces the assignment rules.</summary>
public sealed class LeadAssignmentRulesStep(LeadRuleService rules) : PipelineListStep<AssignmentRule>
{
    public override string Name => "LeadAssignmentRules";

    protected override string ListProperty => "rules";

    protected override void Check(IReadOnlyList<AssignmentRule?> list, Dictionary<string, string> errors) => LeadRuleRules.ValidateAssignment(list, ListProperty, errors);

    protected override async Task<IReadOnlyDictionary<string, string>> ApplyAsync(IReadOnlyList<AssignmentRule?> list, RecipeStepContext context, CancellationToken cancellationToken) =>
        ErrorsOf(await rules.ReplaceAssignmentAsync(list, cancellationToken));
}

/// <summary>Exports the pipeline's stages as a <c>PipelineStages</c> step.</summary>
public sealed class PipelineStagesExportSource(PipelineStageService stages) : IRecipeExportSource
{
    public string Name => PipelineStageService.StepName;

    public string DisplayName => "Leads: pipeline stages";

    public async Task<IReadOnlyList<JsonObject>> ExportAsync(CancellationToken cancellationToken) =>
        [new JsonObject { ["name"] = Name, ["stages"] = LeadJson.Write(await stages.ListAsync(cancellationToken)) }];
}

/// <summary>Exports the lead scoring rules as a <c>LeadScoringRules</c> step.</summary>
public sealed class LeadScoringRulesExportSource(LeadRuleService rules) : IRecipeExportSource
{
    public string Name => "LeadScoringRules";

    public string DisplayName => "Leads: scoring rules";

    public async Task<IReadOnlyList<JsonObject>> ExportAsync(CancellationToken cancellationToken) =>
        [new JsonObject { ["name"] = Name, ["rules"] = LeadJson.Write(await rules.ScoringRulesAsync(cancellationToken)) }];
}

/// <summary>Exports the lead assignment rules as a <c>LeadAssignmentRules</c> step.</summary>
public sealed class LeadAssignmentRulesExportSource(LeadRuleService rules) : IRecipeExportSource
{
    public string Name => "LeadAssignmentRules";

    public string DisplayName => "Leads: assignment rules";

    public async Task<IReadOnlyList<JsonObject>> ExportAsync(CancellationToken cancellationToken) =>
        [new JsonObject { ["name"] = Name, ["rules"] = LeadJson.Write(await rules.AssignmentRulesAsync(cancellationToken)) }];
}
