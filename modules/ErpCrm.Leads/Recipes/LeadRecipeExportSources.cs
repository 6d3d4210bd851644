using System.Text.Json.Nodes;
using ErpCrm.Leads.Services;
using ErpCrm.Recipes;

namespace ErpCrm.Leads.Recipes;

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
