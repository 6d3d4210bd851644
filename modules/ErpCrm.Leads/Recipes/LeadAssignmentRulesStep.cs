using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Recipes;

namespace ErpCrm.Leads.Recipes;

/// <summary><c>{"name": "LeadAssignmentRules", "rules": [{"name", "when"?, "user" | "roundRobinRole"}]}</c>: replaces the assignment rules.</summary>
public sealed class LeadAssignmentRulesStep(LeadRuleService rules) : PipelineListStep<AssignmentRule>
{
    public override string Name => "LeadAssignmentRules";

    protected override string ListProperty => "rules";

    protected override void Check(IReadOnlyList<AssignmentRule?> list, RecipeStepContext context, Dictionary<string, string> errors) =>
        LeadRuleRules.ValidateAssignment(list, ListProperty, errors);

    protected override async Task<IReadOnlyDictionary<string, string>> ApplyAsync(IReadOnlyList<AssignmentRule?> list, RecipeStepContext context, CancellationToken cancellationToken) =>
        ErrorsOf(await rules.ReplaceAssignmentAsync(list, cancellationToken));
}
