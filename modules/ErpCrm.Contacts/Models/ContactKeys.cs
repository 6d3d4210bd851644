using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Contacts.Models;

/// <summary>
/// The keys a contact is found and matched by, as the index stores them: the name and email lower-cased, the phone as its
/// digits only, the tax id without spaces, dots or dashes and upper-cased. Empty values are null (they never match).
/// </summary>
public sealed record ContactKeys(string? DisplayName, string? Email, string? Phone, string? TaxId, bool IsCustomer, bool IsSupplier)
{
    public const string PartName = "ContactPart";

    /// <summary>The keys of an item's ContactPart (all null when it has none).</summary>
    public static ContactKeys Of(ContentItem item) => Of(item, item.Part(PartName));

    public static ContactKeys Of(ContentItem item, JsonObject? part) => new(
        Lower(item.DisplayText),
        Lower(Text(part, "Email", "Email")),
        PhoneKey(Text(part, "Phone", "Phone")),
        TaxIdKey(Text(part, "TaxId", "Text")),
        Flag(part, "IsCustomer"),
        Flag(part, "IsSupplier"));

    /// <summary>The item's title (its TitlePart's Title), or null when it has none.</summary>
    public static string? Title(ContentItem item) => item.Part("TitlePart")?["Title"] is JsonValue title && title.GetValueKind() == JsonValueKind.String ? title.GetValue<string>() : null;

    /// <summary>The digits of a phone number, or null when it has none.</summary>
    public static string? PhoneKey(string? phone) => Keep(phone, char.IsAsciiDigit, upper: false);

    public static string? TaxIdKey(string? taxId) => Keep(taxId, char.IsAsciiLetterOrDigit, upper: true);

    public static string? Lower(string? text) => string.IsNullOrWhiteSpace(text) ? null : Cut(text.Trim().ToLowerInvariant());

    private static string? Keep(string? text, Func<char, bool> keep, bool upper)
    {
        var kept = new string((text ?? "").Where(keep).ToArray());
        return kept.Length == 0 ? null : Cut(upper ? kept.ToUpperInvariant() : kept);
    }

    private static string Cut(string key) => key.Length > ContactIndex.MaxKeyLength ? key[..ContactIndex.MaxKeyLength] : key;

    /// <summary>A field's text property (e.g. <c>Email.Email</c>), or null.</summary>
    internal static string? Text(JsonObject? part, string field, string property) =>
        part?[field] is JsonObject value && value[property] is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : null;

    internal static bool Flag(JsonObject? part, string field) =>
        part?[field] is JsonObject value && value["Value"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
}
