using ErpCrm.Content;
using ErpCrm.Contacts.Models;

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
/// </summary>
public sealed class ContactService(IContentItemService content, ContactIndexQueries index)
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
        await index.ContentTypeOfAsync(id, cancellationToken) is { } type ? await content.GetAsync(type, id, cancellationToken) : NotFound<StoredContentItem>(id);

    public async Task<ContentResult<StoredContentItem>> UpdateAsync(string id, ContentItem item, long? expectedRevision, CancellationToken cancellationToken) =>
        await index.ContentTypeOfAsync(id, cancellationToken) is { } type
            ? await content.UpdateAsync(type, id, item, expectedRevision, cancellationToken)
            : NotFound<StoredContentItem>(id);

    public async Task<ContentResult<bool>> RemoveAsync(string id, long? expectedRevision, CancellationToken cancellationToken) =>
        await index.ContentTypeOfAsync(id, cancellationToken) is { } type
            ? await content.RemoveAsync(type, id, expectedRevision, cancellationToken)
            : NotFound<bool>(id);

    /// <summary>A page of contacts as stored items (each read through the content service, so its view permission applies).</summary>
    public async Task<(IReadOnlyList<StoredContentItem> Items, long Total)> ListAsync(ContactListRequest request, CancellationToken cancellationToken)
    {
        var (page, total) = await index.ListAsync(request, cancellationToken);
        var items = new List<StoredContentItem>(page.Count);
        foreach (var found in page)
        {
            if ((await content.GetAsync(found.ContentType, found.ContentItemId, cancellationToken)).Value is { } stored)
            {
                items.Add(stored);
            }
        }
        return (items, total);
    }

    private static ContentResult<T> Invalid<T>(string field, string message) =>
        new(ContentOutcome.Invalid, default, new Dictionary<string, string> { [field] = message }, message);

    private static ContentResult<T> NotFound<T>(string id) =>
        new(ContentOutcome.NotFound, default, new Dictionary<string, string>(), $"There is no contact '{id}'.");
}
