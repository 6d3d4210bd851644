using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Contacts.Models;

/// <summary>
/// Whether a contact is archived, and into which contact it was merged, as its ContactPart stores them: two properties that are
/// not fields (<c>"Archived": true</c>, <c>"MergedInto": "id"</c>), set by the archive and restore actions and by a merge rather
/// than typed on a form, as Odoo's Archive and Unarchive actions set its hidden "active" field. The edit form and a CSV update
/// keep them (they start from the stored contact); a PUT carries them like any property. An archived contact is left out of
/// lists, searches, duplicate checks and company matching, but is still read by its id: the records that refer to it go on
/// naming it.
/// </summary>
public static class ContactArchive
{
    public const string Archived = "Archived";
    public const string MergedInto = "MergedInto";

    public static bool IsArchived(JsonObject? part) => part?[Archived] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;

    /// <summary>The contact this one was merged into, or null.</summary>
    public static string? MergedIntoOf(JsonObject? part) =>
        part?[MergedInto] is JsonValue id && id.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : null;

    /// <summary>A copy of the contact, archived (and pointing at the contact it was merged into, when given) or restored.</summary>
    public static ContentItem With(ContentItem contact, bool archived, string? mergedInto = null)
    {
        var item = contact.Clone();
        var part = item.GetOrCreatePart(ContactKeys.PartName);
        part.Remove(Archived);
        part.Remove(MergedInto);
        if (archived)
        {
            part[Archived] = true;
            if (mergedInto is not null)
            {
                part[MergedInto] = mergedInto;
            }
        }
        return item;
    }

    /// <summary>Whether a ContactPart property is one of these (a merge does not copy them from the duplicate to the contact kept).</summary>
    public static bool IsArchiveProperty(string name) => name is Archived or MergedInto;
}
