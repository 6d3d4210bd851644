using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Modules;

namespace ErpCrm.Leads.Services;

/// <summary>
/// When the feature is enabled, inside the enabling transaction: creates the Lead type and LeadPart (Recipes/lead-types.json)
/// that do not exist yet — existing definitions are left alone, so an admin's added fields survive a disable and re-enable —
/// and the default pipeline stages (Recipes/leads-pipeline.recipe.json) when the tenant has no stages yet.
/// </summary>
public sealed class LeadTypesFeatureHandler(IContentDefinitionService definitions, PipelineStageService stages) : IFeatureEventHandler
{
    public const string ResourceName = "ErpCrm.Leads.lead-types.json";

    public async Task EnabledAsync(IFeatureInfo feature, CancellationToken cancellationToken)
    {
        if (feature.Id != LeadsFeature.Id)
        {
            return;
        }
        await using (var stream = typeof(LeadTypesFeatureHandler).Assembly.GetManifestResourceStream(ResourceName)
                         ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the Leads module."))
        {
            var step = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) ?? throw new InvalidOperationException($"The resource {ResourceName} is empty.");
            await definitions.CreateMissingAsync(step, cancellationToken);
        }
        await stages.EnsureDefaultsAsync(cancellationToken);
    }
}
