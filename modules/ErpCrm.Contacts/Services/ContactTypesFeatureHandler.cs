using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Modules;

namespace ErpCrm.Contacts.Services;

/// <summary>
/// When the feature is enabled, creates the Company and Person types and their parts (Recipes/contact-types.json) that do
/// not exist yet, inside the enabling transaction. Existing definitions are left alone, so an admin's added fields survive a
/// disable and re-enable.
/// </summary>
public sealed class ContactTypesFeatureHandler(IContentDefinitionService definitions) : IFeatureEventHandler
{
    public const string ResourceName = "ErpCrm.Contacts.contact-types.json";

    public async Task EnabledAsync(IFeatureInfo feature, CancellationToken cancellationToken)
    {
        if (feature.Id != ContactsFeature.Id)
        {
            return;
        }
        await definitions.CreateMissingAsync(await ReadDefinitionsAsync(cancellationToken), cancellationToken);
    }

    private static async Task<JsonNode> ReadDefinitionsAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(ContactTypesFeatureHandler).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the Contacts module.");
        return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is empty.");
    }
}
