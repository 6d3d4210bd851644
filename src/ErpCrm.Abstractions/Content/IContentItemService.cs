using System.Text.Json.Nodes;

namespace ErpCrm.Content;

/// <summary>
/// The kernel's content items for modules: the same checks, handlers, permissions and trail as the content API, so that a
/// module's own endpoints (e.g. <c>/api/contacts</c>) store items the one way. Every write joins the caller's unit of work.
/// </summary>
public interface IContentItemService
{
    /// <summary>The latest version of an item the caller may view.</summary>
    Task<Result<StoredContentItem>> GetAsync(string typeName, string contentItemId, CancellationToken cancellationToken);

    /// <summary>Stores a new item of the type (validated by its definition and handlers).</summary>
    Task<Result<StoredContentItem>> CreateAsync(string typeName, ContentItem item, CancellationToken cancellationToken);

    /// <summary>Changes an item; a <paramref name="expectedRevision"/> other than the current one changes nothing (Conflict).</summary>
    Task<Result<StoredContentItem>> UpdateAsync(string typeName, string contentItemId, ContentItem item, long? expectedRevision, CancellationToken cancellationToken);

    /// <summary>Removes an item (soft); a <paramref name="expectedRevision"/> other than the current one changes nothing (Conflict).</summary>
    Task<Result<bool>> RemoveAsync(string typeName, string contentItemId, long? expectedRevision, CancellationToken cancellationToken);

    /// <summary>
    /// What records of the enabled features refer to the item (<see cref="IContentReferenceProvider"/>); empty when nothing does.
    /// <see cref="RemoveAsync"/> refuses to remove an item while this is not empty; ask it first to do something else instead
    /// (e.g. keep a merged-away record as an archived one).
    /// </summary>
    Task<IReadOnlyList<ContentReference>> ReferencesToAsync(ContentItem item, CancellationToken cancellationToken);

    /// <summary>Reads an item in Orchard Core's ContentItem JSON; null with errors by property when it is not one.</summary>
    ContentItem? Read(JsonNode? json, IDictionary<string, string> errors);

    /// <summary>Writes an item in Orchard Core's ContentItem JSON, as the content API answers it.</summary>
    JsonObject Write(ContentItem item);
}

/// <summary>Helpers over <see cref="IContentItemService"/>.</summary>
public static class ContentItemServiceExtensions
{
    /// <summary>
    /// The latest versions of the items found in a module's index (a page of a list), in that order, leaving out those the
    /// caller may not view or that are gone: each read through <see cref="IContentItemService.GetAsync"/>.
    /// </summary>
    public static async Task<IReadOnlyList<StoredContentItem>> GetVisibleAsync(this IContentItemService content,
        IEnumerable<(string ContentType, string ContentItemId)> found, CancellationToken cancellationToken)
    {
        var items = new List<StoredContentItem>();
        foreach (var (type, id) in found)
        {
            if ((await content.GetAsync(type, id, cancellationToken)).Value is { } stored)
            {
                items.Add(stored);
            }
        }
        return items;
    }
}

/// <summary>Content definitions for modules that ship their own types.</summary>
public interface IContentDefinitionService
{
    /// <summary>
    /// Creates the parts and types of a <c>ContentDefinition</c> step (<c>{"ContentTypes": [...], "ContentParts": [...]}</c>) that do not
    /// exist yet; existing ones are left as they are, so that what admins changed stays. Answers the names created.
    /// Throws <see cref="InvalidOperationException"/> when the step is not valid (a bug in the module that ships it).
    /// </summary>
    Task<IReadOnlyList<string>> CreateMissingAsync(JsonNode step, CancellationToken cancellationToken);

    /// <summary>The content type with this name (ignoring case), or null when there is none. Lets a module follow the fields admins added.</summary>
    Task<ContentTypeDefinition?> FindTypeAsync(string name, CancellationToken cancellationToken);

    /// <summary>The content part with this name (ignoring case), or null when it has no definition (a part type such as TitlePart).</summary>
    Task<ContentPartDefinition?> FindPartAsync(string name, CancellationToken cancellationToken);
}

/// <summary>A stored version of an item with its revision (the ETag of the API).</summary>
public sealed record StoredContentItem(ContentItem Item, long Revision);
