using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Contacts.Models;
using ErpCrm.Modules;

namespace ErpCrm.Contacts.Services;

/// <summary>A new contact would duplicate an existing one: a conflict naming the field, which callers can follow to <paramref name="Duplicate"/>.</summary>
public sealed record DuplicateContactFailure(ContactDuplicate Duplicate, IReadOnlyDictionary<string, string> Errors, string Detail)
    : Failure(ResultStatus.Conflict, Errors, Detail)
{
    /// <summary>The contact it would duplicate, for a form to link to next to the field (<see cref="ContentRefusal.Links"/>).</summary>
    public ContentErrorLink? Link { get; init; }

    /// <summary>The refusal as a form shows it: the error at its field, with the link to the contact.</summary>
    public ContentRefusal AsRefusal() =>
        new(Errors, Link is null ? new Dictionary<string, ContentErrorLink>() : Errors.Keys.ToDictionary(k => k, _ => Link));
}

/// <summary>What a merge did: the contact kept as it is now, how many records handlers moved to it, and whether the duplicate was
/// archived (something still refers to it) rather than removed.</summary>
public sealed record ContactMergeResult(StoredContentItem Kept, int Moved, bool DuplicateArchived);

/// <summary>
/// Companies and people, stored through the kernel's content items (so definitions, admins' fields, handlers, content
/// permissions and the trail all apply). Invariants:
/// - /api/contacts creates only the contact types (<see cref="ContactTypes"/>); it reads and changes any item in the contact index;
/// - a contact obeys <see cref="ContactRules"/> (a name; no duplicate of an active contact's email, phone digits or tax id unless
///   the caller allows it) on every path; a new one that duplicates is refused here first with a <see cref="DuplicateContactFailure"/>
///   naming that contact, which the API answers 409;
/// - a merge keeps one active contact of the same type: handlers (<see cref="IContactMergeHandler"/>) repoint what pointed at the
///   duplicate, the kept contact takes the duplicate's values where its own are empty, and the duplicate is removed — or, when
///   records that cannot be repointed still refer to it (posted journal lines never change; see
///   <see cref="IContentReferenceProvider"/>), archived and pointing at the contact kept, so that those records still name it.
///   All in one unit of work, and nothing at all when a handler refuses;
/// - a contact that other records refer to is not removed (the kernel refuses, 409); it can be archived instead
///   (<see cref="ContactArchive"/>), as Odoo archives a partner that has journal items, and restored.
/// </summary>
public sealed class ContactService(IContentItemService content, ContactIndexQueries index, ContactRules rules, IFeatureServices<IContactMergeHandler> mergeHandlers)
{
    public const string Company = "Company";
    public const string Person = "Person";

    public static readonly IReadOnlyList<string> ContactTypes = [Company, Person];

    /// <summary>Creates a contact; a duplicate (unless allowed) is refused with a <see cref="DuplicateContactFailure"/>.</summary>
    public async Task<Result<StoredContentItem>> CreateAsync(ContentItem item, bool allowDuplicate, CancellationToken cancellationToken)
    {
        var type = ContactTypes.FirstOrDefault(t => string.Equals(t, item.ContentType, StringComparison.OrdinalIgnoreCase));
        if (type is null)
        {
            return Result.Invalid(nameof(ContentItem.ContentType), $"A contact's ContentType is {string.Join(" or ", ContactTypes)}.");
        }
        // Checked here, before the item's other rules, so that a duplicate answers the conflict that names it (409 on the API);
        // then allowed, so that the content handler does not look again.
        if (!allowDuplicate && await rules.DuplicateOfAsync(item, null, cancellationToken) is { } duplicate)
        {
            return new DuplicateContactFailure(duplicate.Duplicate, new Dictionary<string, string> { [duplicate.Path] = duplicate.Message },
                $"{duplicate.Message.TrimEnd('.')}; add ?allowDuplicate=true to create it anyway.") { Link = duplicate.Link };
        }
        using (rules.AllowingDuplicates())
        {
            return await content.CreateAsync(type, item, cancellationToken);
        }
    }

    public async Task<Result<StoredContentItem>> GetAsync(string id, CancellationToken cancellationToken) =>
        await index.ContentTypeOfAsync(id, cancellationToken) is { } type
            ? (await content.GetAsync(type, id, cancellationToken)).NotFoundAs(NotFoundMessage(id))
            : NotFound<StoredContentItem>(id);

    /// <summary>Changes a contact; with <paramref name="allowDuplicate"/> it may take keys another contact has (see <see cref="ContactRules"/>).</summary>
    public async Task<Result<StoredContentItem>> UpdateAsync(string id, ContentItem item, long? expectedRevision, CancellationToken cancellationToken, bool allowDuplicate = false)
    {
        if (await index.ContentTypeOfAsync(id, cancellationToken) is not { } type)
        {
            return NotFound<StoredContentItem>(id);
        }
        using var allowance = allowDuplicate ? rules.AllowingDuplicates() : null;
        return (await content.UpdateAsync(type, id, item, expectedRevision, cancellationToken)).NotFoundAs(NotFoundMessage(id));
    }

    /// <summary>Removes a contact; refused (Conflict) while other records refer to it, and then the detail says to archive it.</summary>
    public async Task<Result<bool>> RemoveAsync(string id, long? expectedRevision, CancellationToken cancellationToken)
    {
        if (await index.ContentTypeOfAsync(id, cancellationToken) is not { } type)
        {
            return NotFound<bool>(id);
        }
        var removed = (await content.RemoveAsync(type, id, expectedRevision, cancellationToken)).NotFoundAs(NotFoundMessage(id));
        // A conflict is a stale revision or references (the kernel checked the caller may delete before either): only the latter
        // has a way out to point at.
        return removed.Status == ResultStatus.Conflict && (await content.GetAsync(type, id, cancellationToken)).Value is { } contact
            && (await content.ReferencesToAsync(contact.Item, cancellationToken)).Count > 0
            ? removed.Failure! with { Detail = $"{removed.Detail} Archive it instead (POST /api/contacts/{id}/archive): it leaves lists and searches, and those records still name it." }
            : removed;
    }

    /// <summary>Archives a contact, or restores an archived one (dropping where it was merged into); nothing to do answers it as it is.</summary>
    public async Task<Result<StoredContentItem>> SetArchivedAsync(string id, bool archived, long? expectedRevision, CancellationToken cancellationToken)
    {
        var found = await GetAsync(id, cancellationToken);
        if (found.Value is not { } stored || ContactArchive.IsArchived(stored.Item.Part(ContactKeys.PartName)) == archived)
        {
            return found;
        }
        return await content.UpdateAsync(stored.Item.ContentType, id, ContactArchive.With(stored.Item, archived), expectedRevision ?? stored.Revision, cancellationToken);
    }

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

    /// <summary>
    /// Merges the contact <paramref name="duplicateId"/> into <paramref name="keptId"/>; answers the kept contact, how many records
    /// moved, and whether the duplicate was archived (records still refer to it) rather than removed.
    /// </summary>
    public async Task<Result<ContactMergeResult>> MergeAsync(string duplicateId, string? keptId, CancellationToken cancellationToken)
    {
        const string Into = "into";
        if (string.IsNullOrWhiteSpace(keptId))
        {
            return Result.Invalid(Into, "into must name the contact to keep.");
        }
        if (keptId == duplicateId)
        {
            return Result.Invalid(Into, "A contact cannot be merged into itself.");
        }
        var duplicate = await GetAsync(duplicateId, cancellationToken);
        if (duplicate.Value is null)
        {
            return duplicate.Failure!;
        }
        var kept = await GetAsync(keptId, cancellationToken);
        if (kept.Value is null)
        {
            return kept.Status == ResultStatus.NotFound
                ? Result.Invalid(Into, $"There is no contact '{keptId}' to merge into.")
                : kept.Failure!;
        }
        if (kept.Value.Item.ContentType != duplicate.Value.Item.ContentType)
        {
            return Result.Invalid(Into, $"A {duplicate.Value.Item.ContentType} merges into a {duplicate.Value.Item.ContentType}, not into a {kept.Value.Item.ContentType}.");
        }
        if (ContactArchive.IsArchived(kept.Value.Item.Part(ContactKeys.PartName)))
        {
            return Result.Invalid(Into, $"The contact '{keptId}' is archived: restore it first, or merge into an active contact.");
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
                return Result.Conflict(context.Errors.AsReadOnly());
            }
        }
        var retired = await RetireAsync(duplicate.Value, keptId, cancellationToken);
        if (retired.Status != ResultStatus.Done)
        {
            return retired.Failure!;
        }
        var duplicateArchived = retired.Value;
        var merged = kept.Value.Item.Clone();
        if (!FillBlanks(merged.GetOrCreatePart(ContactKeys.PartName), duplicate.Value.Item.Part(ContactKeys.PartName)))
        {
            return Result.Done(new ContactMergeResult(kept.Value, context.Moved, duplicateArchived));
        }
        // The kept contact takes the duplicate's keys: a merge cures duplicates, so it is no reason to refuse one.
        var updated = await UpdateAsync(keptId, merged, kept.Value.Revision, cancellationToken, allowDuplicate: true);
        return updated.Value is null
            ? updated.Failure!
            : Result.Done(new ContactMergeResult(updated.Value, context.Moved, duplicateArchived));
    }

    /// <summary>
    /// Takes a merged-away contact out of the way: removed, unless records the handlers could not move still refer to it (posted
    /// journal lines are never rewritten); then it is archived and points at the contact kept. Answers whether it was archived.
    /// </summary>
    private async Task<Result<bool>> RetireAsync(StoredContentItem duplicate, string keptId, CancellationToken cancellationToken)
    {
        var item = duplicate.Item;
        if ((await content.ReferencesToAsync(item, cancellationToken)).Count == 0)
        {
            var removed = await content.RemoveAsync(item.ContentType, item.ContentItemId, duplicate.Revision, cancellationToken);
            return removed.Status == ResultStatus.Done ? Result.Done(false) : removed;
        }
        var archived = await content.UpdateAsync(item.ContentType, item.ContentItemId, ContactArchive.With(item, archived: true, keptId), duplicate.Revision, cancellationToken);
        return archived.Value is null ? archived.Failure! : Result.Done(true);
    }

    /// <summary>Copies the duplicate's field values where the kept part's are empty (a false flag counts as empty); answers whether anything changed.</summary>
    private static bool FillBlanks(JsonObject kept, JsonObject? duplicate)
    {
        var changed = false;
        foreach (var (name, value) in duplicate ?? [])
        {
            if (!ContactArchive.IsArchiveProperty(name) && !IsEmpty(value) && IsEmpty(kept[name]))
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

    private static Result<T> NotFound<T>(string id) => Result.NotFound(NotFoundMessage(id));

    /// <summary>What a contact that does not exist, or that the caller may not view, answers.</summary>
    private static string NotFoundMessage(string id) => $"There is no contact '{id}'.";
}
