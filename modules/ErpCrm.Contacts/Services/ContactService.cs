using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Contacts.Models;
using ErpCrm.Modules;

namespace ErpCrm.Contacts.Services;

/// <summary>The outcome of a contact change: the content outcome, and the existing contact when a new one would duplicate it.</summary>
public sealed record ContactResult<T>(ContentResult<T> Content, ContactDuplicate? Duplicate = null);

/// <summary>
/// Companies and people, stored through the kernel's content items (so definitions, admins' fields, handlers, content
/// permissions and the trail all apply). Invariants:
/// - /api/contacts creates only the contact types (<see cref="ContactTypes"/>); it reads and changes any item in the contact index;
/// - a new contact whose email, phone digits or tax id an existing (not removed) contact has is refused as a duplicate,
///   naming that contact, unless the caller allows duplicates. Two concurrent creates may both pass: the check is a help
///   for people, not a constraint of the database.
/// - a merge keeps one contact of the same type: handlers (<see cref="IContactMergeHandler"/>) repoint what pointed at the
///   duplicate, the kept contact takes the duplicate's values where its own are empty, and the duplicate is removed; all in
///   one unit of work, and nothing at all when a handler refuses.
/// </summary>
public sealed class ContactService(IContentItemService content, ContactIndexQueries index, IFeatureServices<IContactMergeHandler> mergeHandlers)
{
    public const string Company = "Company";
    public const string Person = "Person";

    public static readonly IReadOnlyList<string> ContactTypes = [Company, Person];

    public async Task<ContactResult<StoredContentItem>> CreateAsync(ContentItem item, bool allowDuplicate, CancellationToken cancellationToken)
    {
        var type = ContactTypes.FirstOrDefault(t => string.Equals(t, item.ContentType, StringComparison.OrdinalIgnoreCase));
        if (type is null)
        {
            return new(Invalid<StoredContentItem>(nameof(ContentItem.ContentType), $"A contact's ContentType is {string.Join(" or ", ContactTypes)}."));
        }
        if (!allowDuplicate && await index.FindDuplicateAsync(ContactKeys.Of(item), null, cancellationToken) is { } duplicate)
        {
            var field = $"{ContactKeys.PartName}.{duplicate.Field}";
            return new(new ContentResult<StoredContentItem>(ContentOutcome.Conflict, null,
                new Dictionary<string, string> { [field] = $"A {duplicate.ContentType} with the same {duplicate.Field} exists ('{duplicate.ContentItemId}')." },
                $"A {duplicate.ContentType} with the same {duplicate.Field} exists ('{duplicate.ContentItemId}'); add ?allowDuplicate=true to create it anyway."),
                duplicate);
        }
        return new(await content.CreateAsync(type, item, cancellationToken));
    }

    public async Task<ContentResult<StoredContentItem>> GetAsync(string id, CancellationToken cancellationToken) =>
        await index.ContentTypeOfAsync(id, cancellationToken) is { } type
            ? (await content.GetAsync(type, id, cancellationToken)).NotFoundAs(NotFoundMessage(id))
            : NotFound<StoredContentItem>(id);

    public async Task<ContentResult<StoredContentItem>> UpdateAsync(string id, ContentItem item, long? expectedRevision, CancellationToken cancellationToken) =>
        await index.ContentTypeOfAsync(id, cancellationToken) is { } type
            ? (await content.UpdateAsync(type, id, item, expectedRevision, cancellationToken)).NotFoundAs(NotFoundMessage(id))
            : NotFound<StoredContentItem>(id);

    public async Task<ContentResult<bool>> RemoveAsync(string id, long? expectedRevision, CancellationToken cancellationToken) =>
        await index.ContentTypeOfAsync(id, cancellationToken) is { } type
            ? (await content.RemoveAsync(type, id, expectedRevision, cancellationToken)).NotFoundAs(NotFoundMessage(id))
            : NotFound<bool>(id);

    /// <summary>A page of contacts as stored items (each read through the content service, so its view permission applies).</summary>
    public async Task<(IReadOnlyList<StoredContentItem> Items, long Total)> ListAsync(ContactListRequest request, CancellationToken cancellationToken)
    {
        var (page, total) = await index.ListAsync(request, cancellationToken);
        return (await ReadAsync(page, cancellationToken), total);
    }

    /// <summary>The first <paramref name="take"/> people of a company (but <paramref name="exceptId"/>) the user may view, by name, and how many it has in all.</summary>
    public async Task<(IReadOnlyList<StoredContentItem> People, long Total)> PeopleOfAsync(string companyId, string? exceptId, int take, CancellationToken cancellationToken)
    {
        var (page, total) = await index.PeopleOfAsync(companyId, exceptId, take, cancellationToken);
        return (await ReadAsync(page, cancellationToken), total);
    }

    /// <summary>The contacts found, each read through the content service (so its view permission applies; those the user may not view are left out).</summary>
    private Task<IReadOnlyList<StoredContentItem>> ReadAsync(IReadOnlyList<ContactRef> found, CancellationToken cancellationToken) =>
        content.GetVisibleAsync(found.Select(c => (c.ContentType, c.ContentItemId)), cancellationToken);

    /// <summary>Merges the contact <paramref name="duplicateId"/> into <paramref name="keptId"/>; answers the kept contact and how many records moved.</summary>
    public async Task<ContentResult<(StoredContentItem Kept, int Moved)>> MergeAsync(string duplicateId, string? keptId, CancellationToken cancellationToken)
    {
        const string Into = "into";
        if (string.IsNullOrWhiteSpace(keptId))
        {
            return Invalid<(StoredContentItem, int)>(Into, "into must name the contact to keep.");
        }
        if (keptId == duplicateId)
        {
            return Invalid<(StoredContentItem, int)>(Into, "A contact cannot be merged into itself.");
        }
        var duplicate = await GetAsync(duplicateId, cancellationToken);
        if (duplicate.Value is null)
        {
            return Failed<StoredContentItem, (StoredContentItem, int)>(duplicate);
        }
        var kept = await GetAsync(keptId, cancellationToken);
        if (kept.Value is null)
        {
            return kept.Outcome == ContentOutcome.NotFound
                ? Invalid<(StoredContentItem, int)>(Into, $"There is no contact '{keptId}' to merge into.")
                : Failed<StoredContentItem, (StoredContentItem, int)>(kept);
        }
        if (kept.Value.Item.ContentType != duplicate.Value.Item.ContentType)
        {
            return Invalid<(StoredContentItem, int)>(Into, $"A {duplicate.Value.Item.ContentType} merges into a {duplicate.Value.Item.ContentType}, not into a {kept.Value.Item.ContentType}.");
        }
        var context = new ContactMergeContext
        {
            DuplicateId = duplicateId, KeptId = keptId, Errors = new Dictionary<string, string>(), CancellationToken = cancellationToken,
        };
        foreach (var handler in mergeHandlers)
        {
            await handler.MergeAsync(context);
            if (context.Errors.Count > 0)
            {
                return new(ContentOutcome.Conflict, default, context.Errors.AsReadOnly(), string.Join(" ", context.Errors.Values));
            }
        }
        var removed = await content.RemoveAsync(duplicate.Value.Item.ContentType, duplicateId, duplicate.Value.Revision, cancellationToken);
        if (removed.Outcome != ContentOutcome.Done)
        {
            return Failed<bool, (StoredContentItem, int)>(removed);
        }
        var merged = kept.Value.Item.Clone();
        if (!FillBlanks(merged.GetOrCreatePart(ContactKeys.PartName), duplicate.Value.Item.Part(ContactKeys.PartName)))
        {
            return new(ContentOutcome.Done, (kept.Value, context.Moved), Empty, "");
        }
        var updated = await content.UpdateAsync(merged.ContentType, keptId, merged, kept.Value.Revision, cancellationToken);
        return updated.Value is null ? Failed<StoredContentItem, (StoredContentItem, int)>(updated) : new(ContentOutcome.Done, (updated.Value, context.Moved), Empty, "");
    }

    /// <summary>Copies the duplicate's field values where the kept part's are empty (a false flag counts as empty); answers whether anything changed.</summary>
    private static bool FillBlanks(JsonObject kept, JsonObject? duplicate)
    {
        var changed = false;
        foreach (var (name, value) in duplicate ?? [])
        {
            if (!IsEmpty(value) && IsEmpty(kept[name]))
            {
                kept[name] = value!.DeepClone();
                changed = true;
            }
        }
        return changed;
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject field => field.All(p => IsEmpty(p.Value)),
        JsonArray array => array.Count == 0,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetValue<string>()),
            JsonValueKind.False or JsonValueKind.Null => true,
            _ => false,
        },
        _ => false,
    };

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static ContentResult<TOut> Failed<TIn, TOut>(ContentResult<TIn> failure) => new(failure.Outcome, default, failure.Errors, failure.Detail);

    private static ContentResult<T> Invalid<T>(string field, string message) =>
        new(ContentOutcome.Invalid, default, new Dictionary<string, string> { [field] = message }, message);

    private static ContentResult<T> NotFound<T>(string id) => ContentResults.NotFound<T>(NotFoundMessage(id));

    /// <summary>What a contact that does not exist, or that the caller may not view, answers.</summary>
    private static string NotFoundMessage(string id) => $"There is no contact '{id}'.";
}
