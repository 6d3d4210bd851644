using ErpCrm.Content;

namespace ErpCrm.Contacts.Services;

/// <summary>
/// Contacts merged into a contact and kept archived (because records refer to them) point at it: it stays, so that their page
/// leads to the contact they became.
/// </summary>
public sealed class MergedContactReferences(ContactIndexQueries index) : IContentReferenceProvider
{
    public async Task<IReadOnlyList<ContentReference>> ReferencesToAsync(ContentItem item, CancellationToken cancellationToken) =>
        ContentReference.Of(await index.MergedIntoCountAsync(item.ContentItemId, cancellationToken), "archived contact merged into it", "archived contacts merged into it")
            is { } merged ? [merged] : [];
}
