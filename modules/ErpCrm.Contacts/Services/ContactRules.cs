using ErpCrm.Content;
using ErpCrm.Contacts.Models;

namespace ErpCrm.Contacts.Services;

/// <summary>An existing contact a new or changed one would duplicate, with the error every path shows at <paramref name="Path"/>.</summary>
public sealed record ContactDuplicateError(ContactDuplicate Duplicate, string Path, string Message, ContentErrorLink Link);

/// <summary>
/// The rules every contact obeys whatever path stores it — /api/contacts, /api/content, the admin's item editor, the CSV import, a
/// recipe's content step, a lead's conversion — because <see cref="ContactPartHandler"/> checks them as the kernel saves the item:
/// - a Company or Person has a name (its title). Clearing it is refused; a contact stored without one before this rule can still
///   be archived, restored or merged;
/// - an active contact's email, phone digits or tax id is no other active contact's, unless the caller allows duplicates for this
///   unit of work (<see cref="AllowingDuplicates"/>: the API's <c>allowDuplicate=true</c>, a CSV import whose policy creates
///   them, a merge). A change is checked on the keys it changes only, so a contact that shared a key before can still be edited.
///   Two concurrent saves may both pass: the check is a help for people, not a constraint of the database.
/// One instance per scope (a request, an import run), so an allowance never outlives the caller that gave it.
/// </summary>
public sealed class ContactRules(ContactIndexQueries index, IContentItemService content)
{
    public const string TitlePath = "TitlePart.Title";

    private int _allowing;

    /// <summary>Whether duplicates are allowed now (inside <see cref="AllowingDuplicates"/>).</summary>
    public bool DuplicatesAllowed => _allowing > 0;

    /// <summary>Allows duplicates until disposed: for a caller that allows them or has just checked.</summary>
    public IDisposable AllowingDuplicates()
    {
        _allowing++;
        return new Allowance(this);
    }

    /// <summary>What a Company or Person without a name is told, on every path.</summary>
    public static string NameRequired(string contentType) => $"A name is required: enter the {contentType.ToLowerInvariant()}'s name.";

    /// <summary>Whether the item has a name: its title when its type has a TitlePart, else its display text.</summary>
    public static bool HasName(ContentItem item, bool hasTitlePart) =>
        !string.IsNullOrWhiteSpace(hasTitlePart ? ContactKeys.Title(item) : item.DisplayText);

    /// <summary>
    /// The active contact (but the item itself) that has one of the item's keys — those that differ from <paramref name="previous"/>'s
    /// on an update — or null; the message names it by name and id.
    /// </summary>
    public async Task<ContactDuplicateError?> DuplicateOfAsync(ContentItem item, ContentItem? previous, CancellationToken cancellationToken)
    {
        var keys = ContactKeys.Of(item);
        if (previous is not null)
        {
            var before = ContactKeys.Of(previous);
            keys = keys with
            {
                Email = keys.Email == before.Email ? null : keys.Email,
                Phone = keys.Phone == before.Phone ? null : keys.Phone,
                TaxId = keys.TaxId == before.TaxId ? null : keys.TaxId,
            };
        }
        var except = item.ContentItemId.Length > 0 ? item.ContentItemId : null;
        if (await index.FindDuplicateAsync(keys, except, cancellationToken) is not { } duplicate)
        {
            return null;
        }
        var name = (await content.GetAsync(duplicate.ContentType, duplicate.ContentItemId, cancellationToken)).Value?.Item.DisplayText;
        var label = duplicate.Field == "TaxId" ? "Tax id" : duplicate.Field;
        var named = string.IsNullOrWhiteSpace(name) ? $"'{duplicate.ContentItemId}'" : $"{name} ('{duplicate.ContentItemId}')";
        return new ContactDuplicateError(duplicate, $"{ContactKeys.PartName}.{duplicate.Field}",
            $"A {duplicate.ContentType} with the same {label} exists: {named}.",
            new ContentErrorLink(string.IsNullOrWhiteSpace(name) ? duplicate.ContentItemId : name, ContactAdminUrls.Details(duplicate.ContentItemId)));
    }

    private sealed class Allowance(ContactRules rules) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                rules._allowing--;
            }
        }
    }
}
