using ErpCrm.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Modules;

namespace ErpCrm.Core.Content.Items;

/// <summary>
/// Creates, changes, publishes and removes content items: the one way in, for the API, the admin pages, recipes (through
/// <see cref="ContentImporter"/>) and modules.
/// Invariants (with <see cref="ContentItemStore"/>'s):
/// - nothing is stored unless the item passes its type's definition and every handler's *ing event (errors by field path);
/// - a write that names a revision other than the current one changes nothing (Conflict, HTTP 409);
/// - a Draftable type's changes go to a draft (a new version when the latest is published) until published; other types
///   publish on save; a Versionable type keeps every saved version, others change their version in place;
/// - every change leaves an entry in the item's trail, and the handlers' after-events, inside the same unit of work;
/// - an item that other features' records refer to (<see cref="IContentReferenceProvider"/>) is not removed (Conflict, naming them).
/// </summary>
public sealed class ContentManager(
    ContentDefinitionStore definitions,
    ContentItemStore store,
    ContentValidator validator,
    ContentAuthorizer authorizer,
    ContentChangeLog trail,
    IFeatureServices<IContentHandler> handlers,
    ContentReferenceGuard references,
    ContentLookup lookup,
    TimeProvider clock)
{
    /// <summary>The latest version of an item the caller may view.</summary>
    public async Task<Result<StoredItem>> GetAsync(string typeName, string contentItemId, CancellationToken cancellationToken)
    {
        var found = await lookup.FindAsync(typeName, contentItemId, ContentAction.View, cancellationToken);
        if (found.Failure is not null)
        {
            return found.Failure;
        }
        return found.Value!.Stored;
    }

    /// <summary>Stores a new item. A Draftable type's item is published when it says <c>Published: true</c>; other types' always are.</summary>
    public Task<Result<StoredItem>> CreateAsync(string typeName, ContentItem item, CancellationToken cancellationToken) =>
        CreateAsync(typeName, item, allowUndefinedType: false, cancellationToken);

    /// <summary>Stores a new item, of a type not defined yet when <paramref name="allowUndefinedType"/> (see <see cref="ContentImporter"/>).</summary>
    internal async Task<Result<StoredItem>> CreateAsync(string typeName, ContentItem item, bool allowUndefinedType, CancellationToken cancellationToken)
    {
        if (await lookup.SchemaAsync(typeName, allowUndefinedType, cancellationToken) is not { } schema)
        {
            return ContentLookup.NoType(typeName);
        }
        var errors = new Dictionary<string, string>();
        if (item.ContentType.Length > 0 && !string.Equals(item.ContentType, schema.Type.Name, StringComparison.OrdinalIgnoreCase))
        {
            errors[nameof(ContentItem.ContentType)] = $"The ContentType '{item.ContentType}' is not the type in the URL ('{schema.Type.Name}').";
        }
        item.ContentType = schema.Type.Name;
        var idsGiven = item.ContentItemId.Length > 0 || item.ContentItemVersionId.Length > 0;
        item.ContentItemId = CheckId(item.ContentItemId, nameof(ContentItem.ContentItemId), errors);
        item.ContentItemVersionId = CheckId(item.ContentItemVersionId, nameof(ContentItem.ContentItemVersionId), errors);
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }
        var publish = !schema.Draftable || item.Published;
        var scope = await authorizer.ScopeAsync(ContentAction.Edit, schema, cancellationToken);
        item.Owner ??= authorizer.UserId;
        if (!authorizer.Allows(scope, item.Owner))
        {
            return scope == ContentScope.None ? ContentLookup.NotAllowed(ContentAction.Edit, schema) : Result.Forbidden("You may only create items that you own.");
        }
        if (schema.Draftable && publish && !await authorizer.CanAsync(ContentAction.Publish, schema, item.Owner, cancellationToken))
        {
            return ContentLookup.NotAllowed(ContentAction.Publish, schema);
        }
        // Ids this host generated are 130 random bits: only given ones (imports) can be taken, and the keys catch any race.
        if (idsGiven && await store.IdTakenAsync(item.ContentItemId, item.ContentItemVersionId, cancellationToken))
        {
            return Result.Conflict($"A content item or version with the id '{item.ContentItemId}' or '{item.ContentItemVersionId}' already exists.", nameof(ContentItem.ContentItemId));
        }

        var now = clock.GetUtcNow();
        item.Author = scope == ContentScope.All && item.Author is not null ? item.Author : authorizer.UserName ?? item.Author;
        item.CreatedUtc ??= now;
        item.ModifiedUtc ??= now;
        item.PublishedUtc = publish ? item.PublishedUtc ?? now : null;
        item.Latest = true;
        item.Published = publish;

        var validation = await validator.ValidateAsync(item, schema, cancellationToken);
        if (await RefusedAsync(validation, (h, c) => h.CreatingAsync(c), item, schema, null, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (publish && await RefusedAsync(null, (h, c) => h.PublishingAsync(c), item, schema, null, cancellationToken) is { } notPublished)
        {
            return notPublished;
        }
        // The trail entry goes with the item's rows: one round trip on PostgreSQL, shared with the next items' where the ids are ours.
        var created = trail.Entry(item, "created", authorizer.UserName, ContentChangeLog.Diff(new Dictionary<string, string?>(), validation.Values));
        if (!idsGiven)
        {
            await store.InsertGeneratedAsync(item, validation.Index, created, cancellationToken);
        }
        else if (!await store.InsertAsync(item, 1, 1, validation.Index, created, cancellationToken))
        {
            return Result.Conflict($"A content item or version with the id '{item.ContentItemId}' or '{item.ContentItemVersionId}' was created meanwhile.", nameof(ContentItem.ContentItemId));
        }
        await NotifyAsync((h, c) => h.CreatedAsync(c), item, schema, null, cancellationToken);
        if (publish)
        {
            await NotifyAsync((h, c) => h.PublishedAsync(c), item, schema, null, cancellationToken);
        }
        return new StoredItem(item, 1, 1, false);
    }

    /// <summary>
    /// Replaces the latest version's parts with the item's. <paramref name="expectedRevision"/> (the ETag read) refuses a stale write.
    /// A Draftable type's change is a draft unless the item says <c>Published: true</c>.
    /// </summary>
    public async Task<Result<StoredItem>> UpdateAsync(string typeName, string contentItemId, ContentItem item, long? expectedRevision, CancellationToken cancellationToken)
    {
        var found = await lookup.FindAsync(typeName, contentItemId, ContentAction.Edit, cancellationToken);
        if (found.Failure is not null)
        {
            return found.Failure;
        }
        var (schema, existing) = found.Value!;
        var errors = new Dictionary<string, string>();
        if (item.ContentType.Length > 0 && !string.Equals(item.ContentType, schema.Type.Name, StringComparison.OrdinalIgnoreCase))
        {
            errors[nameof(ContentItem.ContentType)] = $"The ContentType '{item.ContentType}' is not the item's ('{schema.Type.Name}'); an item's type does not change.";
        }
        if (item.ContentItemId.Length > 0 && item.ContentItemId != existing.Item.ContentItemId)
        {
            errors[nameof(ContentItem.ContentItemId)] = $"The ContentItemId '{item.ContentItemId}' is not the one in the URL ('{existing.Item.ContentItemId}').";
        }
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }
        if (expectedRevision is { } expected && expected != existing.Revision)
        {
            return Stale(existing.Item);
        }
        var scope = await authorizer.ScopeAsync(ContentAction.Edit, schema, cancellationToken);
        var owner = item.Owner ?? existing.Item.Owner;
        if (!authorizer.Allows(scope, existing.Item.Owner) || !authorizer.Allows(scope, owner))
        {
            return scope == ContentScope.None ? ContentLookup.NotAllowed(ContentAction.Edit, schema) : Result.Forbidden("You may only edit items that you own, and not give them away.");
        }
        var publish = !schema.Draftable || item.Published;
        if (schema.Draftable && publish && !await authorizer.CanAsync(ContentAction.Publish, schema, owner, cancellationToken))
        {
            return ContentLookup.NotAllowed(ContentAction.Publish, schema);
        }

        var previous = existing.Item;
        var newVersion = schema.Versionable || (schema.Draftable && previous.Published);
        var now = clock.GetUtcNow();
        item.ContentItemId = previous.ContentItemId;
        item.ContentItemVersionId = newVersion ? ContentIds.New() : previous.ContentItemVersionId;
        item.ContentType = schema.Type.Name;
        item.Owner = owner;
        item.Author = authorizer.UserName ?? item.Author ?? previous.Author;
        item.CreatedUtc = previous.CreatedUtc;
        item.ModifiedUtc = now;
        item.Latest = true;
        item.Published = publish;
        item.PublishedUtc = publish ? now : newVersion ? null : previous.PublishedUtc;

        var validation = await validator.ValidateAsync(item, schema, cancellationToken);
        if (await RefusedAsync(validation, (h, c) => h.UpdatingAsync(c), item, schema, previous, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (publish && await RefusedAsync(null, (h, c) => h.PublishingAsync(c), item, schema, previous, cancellationToken) is { } notPublished)
        {
            return notPublished;
        }

        var number = existing.Number;
        if (newVersion)
        {
            // The old latest stays published only while the new version is a draft.
            var keepPublished = previous.Published && !publish;
            if (!await store.SetFlagsAsync(previous.ContentItemVersionId, existing.Revision, latest: false, keepPublished,
                    keepPublished ? ContentItemJson.IndexDate(previous.PublishedUtc) : null, cancellationToken))
            {
                return Stale(previous);
            }
            number++;
            if (!await store.InsertAsync(item, number, existing.Revision + 1, validation.Index, cancellationToken))
            {
                return Stale(previous);
            }
        }
        else if (!await store.ReplaceAsync(item, existing.Revision, validation.Index, cancellationToken))
        {
            return Stale(previous);
        }
        if (publish && !previous.Published)
        {
            // A published latest was the only published version, and was dealt with above; a draft may have an older one.
            await store.UnpublishOthersAsync(item.ContentItemId, item.ContentItemVersionId, cancellationToken);
        }
        var changes = ContentChangeLog.Diff(validator.Values(previous, schema), validation.Values);
        await trail.RecordAsync(item, "updated", authorizer.UserName, changes, cancellationToken);
        await NotifyAsync((h, c) => h.UpdatedAsync(c), item, schema, previous, cancellationToken);
        if (publish)
        {
            if (schema.Draftable)
            {
                await trail.RecordAsync(item, "published", authorizer.UserName, [], cancellationToken);
            }
            await NotifyAsync((h, c) => h.PublishedAsync(c), item, schema, previous, cancellationToken);
        }
        return new StoredItem(item, number, existing.Revision + 1, false);
    }

    /// <summary>Publishes the latest version (nothing to do when it is published already).</summary>
    public async Task<Result<StoredItem>> PublishAsync(string typeName, string contentItemId, long? expectedRevision, CancellationToken cancellationToken)
    {
        var found = await lookup.FindAsync(typeName, contentItemId, ContentAction.Publish, cancellationToken);
        if (found.Failure is not null)
        {
            return found.Failure;
        }
        var (schema, existing) = found.Value!;
        if (!await authorizer.CanAsync(ContentAction.Publish, schema, existing.Item.Owner, cancellationToken))
        {
            return ContentLookup.NotAllowed(ContentAction.Publish, schema);
        }
        if (expectedRevision is { } expected && expected != existing.Revision)
        {
            return Stale(existing.Item);
        }
        if (existing.Item.Published)
        {
            return existing;
        }
        var item = existing.Item;
        if (await RefusedAsync(null, (h, c) => h.PublishingAsync(c), item, schema, null, cancellationToken) is { } refused)
        {
            return refused;
        }
        item.Published = true;
        item.PublishedUtc = clock.GetUtcNow();
        if (!await store.SetFlagsAsync(item.ContentItemVersionId, existing.Revision, latest: true, published: true, ContentItemJson.IndexDate(item.PublishedUtc), cancellationToken))
        {
            return Stale(item);
        }
        await store.UnpublishOthersAsync(item.ContentItemId, item.ContentItemVersionId, cancellationToken);
        await trail.RecordAsync(item, "published", authorizer.UserName, [], cancellationToken);
        await NotifyAsync((h, c) => h.PublishedAsync(c), item, schema, null, cancellationToken);
        return existing with { Item = item, Revision = existing.Revision + 1 };
    }

    /// <summary>
    /// Removes an item: its versions stay for the record, none is latest or published, and it is found no more. Refused while
    /// records of an enabled feature refer to it, whatever path asks (API, admin page, recipe, import, a module's service).
    /// </summary>
    public async Task<Result<bool>> RemoveAsync(string typeName, string contentItemId, long? expectedRevision, CancellationToken cancellationToken)
    {
        var found = await lookup.FindAsync(typeName, contentItemId, ContentAction.Delete, cancellationToken);
        if (found.Failure is not null)
        {
            return found.Failure;
        }
        var (schema, existing) = found.Value!;
        if (!await authorizer.CanAsync(ContentAction.Delete, schema, existing.Item.Owner, cancellationToken))
        {
            return ContentLookup.NotAllowed(ContentAction.Delete, schema);
        }
        if (expectedRevision is { } expected && expected != existing.Revision)
        {
            return Stale(existing.Item);
        }
        if (await references.RefusalOfRemovingAsync(existing.Item, schema.Type, cancellationToken) is { } referenced)
        {
            return referenced;
        }
        if (await RefusedAsync(null, (h, c) => h.RemovingAsync(c), existing.Item, schema, null, cancellationToken) is { } refused)
        {
            return refused;
        }
        await store.RemoveAsync(contentItemId, cancellationToken);
        await trail.RecordAsync(existing.Item, "removed", authorizer.UserName, [], cancellationToken);
        await NotifyAsync((h, c) => h.RemovedAsync(c), existing.Item, schema, null, cancellationToken);
        return true;
    }

    /// <summary>The versions of an item the caller may view, oldest first, with its trail.</summary>
    public async Task<Result<(IReadOnlyList<ContentVersionInfo> Versions, IReadOnlyList<ContentChange> Trail)>> HistoryAsync(
        string typeName, string contentItemId, CancellationToken cancellationToken)
    {
        var got = await GetAsync(typeName, contentItemId, cancellationToken);
        if (got.Failure is not null)
        {
            return got.Failure;
        }
        return (await store.VersionsAsync(contentItemId, cancellationToken), await trail.ListAsync(contentItemId, cancellationToken));
    }

    /// <summary>One version of an item the caller may view.</summary>
    public async Task<Result<StoredItem>> VersionAsync(string typeName, string contentItemId, string versionId, CancellationToken cancellationToken)
    {
        var got = await GetAsync(typeName, contentItemId, cancellationToken);
        if (got.Failure is not null)
        {
            return got.Failure;
        }
        return await store.VersionAsync(contentItemId, versionId, cancellationToken) is { } version
            ? version
            : Result.NotFound($"The content item '{contentItemId}' has no version '{versionId}'.");
    }

    /// <summary>The values of a version as people read them, by field path (for diffs).</summary>
    public async Task<IReadOnlyDictionary<string, string?>> ValuesAsync(ContentItem item, CancellationToken cancellationToken) =>
        await definitions.SchemaAsync(item.ContentType, cancellationToken) is { } schema ? validator.Values(item, schema) : new Dictionary<string, string?>();

    private async Task<Failure?> RefusedAsync(ContentValidation? validation, Func<IContentHandler, ContentContext, Task> handle,
        ContentItem item, ContentSchema schema, ContentItem? previous, CancellationToken cancellationToken)
    {
        // The handlers' rules run even when a field is refused, so that the caller learns every error at once (a form shows them all in
        // one round); a field's own error stays the one reported for its path.
        var fieldErrors = validation?.Errors ?? new Dictionary<string, string>();
        var errors = new Dictionary<string, string>(fieldErrors);
        var links = new Dictionary<string, ContentErrorLink>();
        var context = new ContentContext { Item = item, Type = schema.Type, Previous = previous, Errors = errors, Links = links, CancellationToken = cancellationToken };
        foreach (var handler in handlers)
        {
            await handle(handler, context);
        }
        foreach (var (path, message) in fieldErrors)
        {
            errors[path] = message;
        }
        if (errors.Count == 0)
        {
            return null;
        }
        var linked = links.Where(l => errors.ContainsKey(l.Key)).ToDictionary();
        return linked.Count > 0 ? new ContentRefusal(errors, linked) : Result.Invalid(errors);
    }

    private async Task NotifyAsync(Func<IContentHandler, ContentContext, Task> handle, ContentItem item, ContentSchema schema, ContentItem? previous, CancellationToken cancellationToken)
    {
        var context = new ContentContext { Item = item, Type = schema.Type, Previous = previous, Errors = new Dictionary<string, string>(), CancellationToken = cancellationToken };
        foreach (var handler in handlers)
        {
            await handle(handler, context);
        }
    }

    private static string CheckId(string id, string name, Dictionary<string, string> errors)
    {
        if (id.Length == 0)
        {
            return ContentIds.New();
        }
        if (ContentIds.Error(id, name) is { } error)
        {
            errors[name] = error;
        }
        return id;
    }

    private static Failure Stale(ContentItem item) =>
        Result.Conflict($"The content item '{item.ContentItemId}' was changed since it was read (If-Match is stale); read it again and retry.");
}
