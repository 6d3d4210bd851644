using ErpCrm.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Modules;

namespace ErpCrm.Core.Content.Items;

/// <summary>
/// Asks the enabled features' <see cref="IContentReferenceProvider"/>s what refers to an item, and refuses the removal of one that
/// something does: a record other modules keep (posted journal lines above all, which never change) must go on naming it.
/// </summary>
public sealed class ContentReferenceGuard(IFeatureServices<IContentReferenceProvider> providers)
{
    /// <summary>What refers to the item, in the providers' order; empty when nothing does.</summary>
    public async Task<IReadOnlyList<ContentReference>> ReferencesToAsync(ContentItem item, CancellationToken cancellationToken)
    {
        var found = new List<ContentReference>();
        foreach (var provider in providers)
        {
            found.AddRange((await provider.ReferencesToAsync(item, cancellationToken)).Where(r => r.Count > 0));
        }
        return found;
    }

    /// <summary>The refusal of removing the item (409, naming what refers to it), or null when nothing refers to it.</summary>
    public async Task<Failure?> RefusalOfRemovingAsync(ContentItem item, ContentTypeDefinition type, CancellationToken cancellationToken)
    {
        var references = await ReferencesToAsync(item, cancellationToken);
        if (references.Count == 0)
        {
            return null;
        }
        var name = string.IsNullOrWhiteSpace(item.DisplayText) ? item.ContentItemId : item.DisplayText;
        return Result.Conflict(
            $"{type.DisplayName} '{name}' cannot be deleted while other records refer to it: {ContentReference.Describe(references)}.");
    }
}
