using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Recipes;

namespace ErpCrm.Leads.Recipes;

/// <summary><c>{"name": "LeadScoringRules", "rules": [{"name", "when": {"field", "operator", "value"}, "points"}]}</c>: replaces the scoring rules.</summary>
public sealed class LeadScoringRulesStep(LeadRuleService rules) : PipelineListStep<ScoringRule>
{
    public override string Name => "LeadScoringRules";

    protected override string ListProperty => "rules";

    protected override void Check(IReadOnlyList<ScoringRule?> list, RecipeStepContext context, Dictionary<string, string> errors) =>
        LeadRuleRules.ValidateScoring(list, ListProperty, errors);

    protected override async Task<IReadOnlyDictionary<string, string>> ApplyAsync(IReadOnlyList<ScoringRule?> list, RecipeStepContext context, CancellationToken cancellationToken) =>
        ErrorsOf(await rules.ReplaceScoringAsync(list, cancellationToken));
}
