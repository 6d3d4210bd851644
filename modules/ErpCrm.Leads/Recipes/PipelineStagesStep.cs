using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Recipes;

namespace ErpCrm.Leads.Recipes;

/// <summary><c>{"name": "PipelineStages", "stages": [{"name", "probability", "isWon", "isLost"}], "moveLeads": {"Old": "New"}}</c>: replaces the pipeline's stages.</summary>
public sealed class PipelineStagesStep(PipelineStageService stages) : PipelineListStep<PipelineStageInput>
{
    public override string Name => PipelineStageService.StepName;

    protected override string ListProperty => "stages";

    protected override void Check(IReadOnlyList<PipelineStageInput?> list, RecipeStepContext context, Dictionary<string, string> errors)
    {
        PipelineStageRules.Validate(list, ListProperty, errors);
        // Read before anything runs: a moveLeads that is not a map of stage names would otherwise stop the run at this step.
        Moves(context, errors);
    }

    protected override async Task<IReadOnlyDictionary<string, string>> ApplyAsync(IReadOnlyList<PipelineStageInput?> list, RecipeStepContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var moves = Moves(context, errors);
        return errors.Count > 0 ? errors : ErrorsOf(await stages.ReplaceAsync(list, moves, cancellationToken));
    }

    private static Dictionary<string, string>? Moves(RecipeStepContext context, Dictionary<string, string> errors) =>
        context.Property("moveLeads") is { } node ? LeadJson.Read<Dictionary<string, string>>(node, context.PropertyName("moveLeads"), errors) : null;
}
