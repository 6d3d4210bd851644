using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Identity;

namespace ErpCrm.Core.Content.Items;

/// <summary>
/// Imports items as a recipe's <c>content</c> step does, through <see cref="ContentManager"/> and so with its rules and the
/// caller's permissions: creates an item, or updates it when an item with its id exists; the same again changes nothing. As in
/// Orchard Core, an item's type may be defined later in the recipe: until then it is stored as a type without parts, which only
/// the system and those who may define types may do.
/// </summary>
public sealed class ContentImporter(ContentManager content, ContentLookup lookup, ContentItemStore store, ContentAuthorizer authorizer)
{
    /// <summary>Creates or updates the item (see the class).</summary>
    public async Task<Result<StoredItem>> ImportAsync(ContentItem item, CancellationToken cancellationToken)
    {
        if (item.ContentItemId.Length > 0 && await store.LatestAsync(item.ContentItemId, cancellationToken) is { } existing)
        {
            if (JsonNode.DeepEquals(existing.Item.Parts, item.Parts) && (item.DisplayText is null || item.DisplayText == existing.Item.DisplayText))
            {
                return existing; // the same again: no new version, no event
            }
            return await content.UpdateAsync(existing.Item.ContentType, item.ContentItemId, item, null, cancellationToken);
        }
        return await content.CreateAsync(item.ContentType, item, await authorizer.MayUseUndefinedTypesAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Null when the caller may import <paramref name="item"/>: edit it if it exists, else create (and publish) it; else why not.
    /// Changes nothing: a recipe asks this of every item before any step runs, when the item's type may still be undefined (it is
    /// then judged as a type without parts, and checked again when imported).
    /// </summary>
    public async Task<Failure?> CheckAsync(ContentItem item, CancellationToken cancellationToken)
    {
        if (item.ContentItemId.Length > 0 && await store.LatestAsync(item.ContentItemId, cancellationToken) is { } existing)
        {
            var found = await lookup.FindAsync(existing.Item.ContentType, item.ContentItemId, ContentAction.Edit, cancellationToken);
            if (found.Failure is not null)
            {
                return found.Failure;
            }
            var (existingSchema, stored) = found.Value!;
            return authorizer.Allows(await authorizer.ScopeAsync(ContentAction.Edit, existingSchema, cancellationToken), stored.Item.Owner)
                ? null
                : ContentLookup.NotAllowed(ContentAction.Edit, existingSchema);
        }
        if (await lookup.SchemaAsync(item.ContentType, await authorizer.MayUseUndefinedTypesAsync(cancellationToken), cancellationToken) is not { } schema)
        {
            return ContentLookup.NoType(item.ContentType);
        }
        var owner = item.Owner ?? authorizer.UserId;
        if (!authorizer.Allows(await authorizer.ScopeAsync(ContentAction.Edit, schema, cancellationToken), owner))
        {
            return ContentLookup.NotAllowed(ContentAction.Edit, schema);
        }
        return schema.Draftable && item.Published && !await authorizer.CanAsync(ContentAction.Publish, schema, owner, cancellationToken)
            ? ContentLookup.NotAllowed(ContentAction.Publish, schema)
            : null;
    }
}
