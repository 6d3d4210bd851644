using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Contacts.Models;

/// <summary>
/// One row per stored version of every item with a ContactPart (Company, Person, and any type an admin attaches it to),
/// kept by the kernel in the transaction of the save: what the contact list searches and duplicate detection compares, and
/// whether the contact is archived (and merged into which) — see <see cref="ContactArchive"/>.
/// </summary>
public sealed class ContactIndex : ContentPartIndex
{
    public const string TableName = "contact_index";

    /// <summary>Keys are cut to this length: longer ones still match on their start, which is enough to find a contact.</summary>
    public const int MaxKeyLength = 256;

    public override string Table => TableName;

    public override string PartName => ContactKeys.PartName;

    public override IReadOnlyDictionary<string, object?> Map(ContentItem item, JsonObject part)
    {
        var keys = ContactKeys.Of(item, part);
        return new Dictionary<string, object?>
        {
            ["display_name_key"] = keys.DisplayName,
            ["email_key"] = keys.Email,
            ["phone_key"] = keys.Phone,
            ["tax_id_key"] = keys.TaxId,
            ["is_customer"] = keys.IsCustomer,
            ["is_supplier"] = keys.IsSupplier,
            ["archived"] = ContactArchive.IsArchived(part),
            ["merged_into"] = ContactArchive.MergedIntoOf(part),
        };
    }
}
