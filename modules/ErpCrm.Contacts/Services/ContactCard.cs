using ErpCrm.Content;
using ErpCrm.Contacts.Models;

namespace ErpCrm.Contacts.Services;

/// <summary>
/// A contact as people read it on the contact pages: its name and type, roles, how to reach it, where it is and its tags,
/// taken from its ContactPart (and PersonPart), and whether it is archived (and merged into which contact). Empty values are null.
/// </summary>
public sealed record ContactCard(
    string Id,
    string Type,
    string Name,
    bool IsCustomer,
    bool IsSupplier,
    string? Email,
    string? Phone,
    string? TaxId,
    string? JobTitle,
    string? CompanyId,
    IReadOnlyList<string> AddressLines,
    IReadOnlyList<string> Tags,
    bool Archived,
    string? MergedInto)
{
    public static ContactCard Of(ContentItem item)
    {
        var contact = item.Part(ContactKeys.PartName);
        var person = item.Part(PersonIndex.Part);
        string? Text(string field) => Trimmed(ContactKeys.Text(contact, field, "Text"));
        var cityLine = string.Join(" ", new[] { Text("PostalCode"), Text("City") }.OfType<string>());
        return new ContactCard(
            item.ContentItemId,
            item.ContentType,
            string.IsNullOrWhiteSpace(item.DisplayText) ? $"(unnamed {item.ContentItemId})" : item.DisplayText,
            ContactKeys.Flag(contact, "IsCustomer"),
            ContactKeys.Flag(contact, "IsSupplier"),
            Trimmed(ContactKeys.Text(contact, "Email", "Email")),
            Trimmed(ContactKeys.Text(contact, "Phone", "Phone")),
            Text("TaxId"),
            Trimmed(ContactKeys.Text(person, "JobTitle", "Text")),
            PersonIndex.CompanyId(person),
            new[] { Text("Street"), cityLine.Length == 0 ? null : cityLine, Text("Country") }.OfType<string>().ToList(),
            (Text("Tags") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            ContactArchive.IsArchived(contact),
            ContactArchive.MergedIntoOf(contact));
    }

    /// <summary>The <c>tel:</c> address of the phone (its leading + and digits), or null when it has no digits.</summary>
    public string? PhoneHref => ContactKeys.PhoneKey(Phone) is { } digits ? "tel:" + (Phone!.TrimStart().StartsWith('+') ? "+" : "") + digits : null;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
