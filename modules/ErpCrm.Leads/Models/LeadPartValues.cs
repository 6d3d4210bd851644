using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Leads.Models;

/// <summary>
/// Reads and writes the fields of a lead's <c>LeadPart</c> in their stored JSON shapes (TextField <c>Text</c>, NumericField
/// <c>Value</c>, pickers' id lists…), so that services, the index and rules read a lead the one way. The part also carries
/// two properties that are not fields, kept by the content handler: <c>Status</c> (Open, Won or Lost, from the stage) and
/// <c>ClosedUtc</c> (when it was won or lost).
/// </summary>
public static class LeadPartValues
{
    public const string PartName = "LeadPart";
    public const string TypeName = "Lead";

    public const string ContactName = "ContactName";
    public const string CompanyName = "CompanyName";
    public const string Email = "Email";
    public const string Phone = "Phone";
    public const string Source = "Source";
    public const string Stage = "Stage";
    public const string Owner = "Owner";
    public const string ExpectedRevenue = "ExpectedRevenue";
    public const string Probability = "Probability";
    public const string Score = "Score";
    public const string LostReason = "LostReason";
    public const string Notes = "Notes";
    public const string Contact = "Contact";
    public const string ConvertedCompany = "ConvertedCompany";
    public const string ConvertedPerson = "ConvertedPerson";
    public const string ExpectedClose = "ExpectedClose";
    public const string Status = "Status";
    public const string ClosedUtc = "ClosedUtc";

    /// <summary>The properties a field's value may hold its value in, tried in this order when a rule reads any field.</summary>
    private static readonly string[] ValueProperties = ["Text", "Value", "Email", "Phone", "Amount", "Url", "Date", "DateTime", "ContentItemIds", "UserIds"];

    public static string? Text(JsonObject? part, string field) => String(part?[field] as JsonObject, "Text");

    public static string? EmailOf(JsonObject? part) => String(part?[Email] as JsonObject, "Email");

    public static string? PhoneOf(JsonObject? part) => String(part?[Phone] as JsonObject, "Phone");

    public static decimal? Number(JsonObject? part, string field) =>
        part?[field] is JsonObject value && value["Value"] is JsonValue number && number.GetValueKind() == JsonValueKind.Number ? number.GetValue<decimal>() : null;

    /// <summary>The first id a picker field holds (ContentItemIds or UserIds), or null.</summary>
    public static string? FirstId(JsonObject? part, string field, string property = "ContentItemIds") =>
        part?[field] is JsonObject value && value[property] is JsonArray { Count: > 0 } ids && ids[0] is JsonValue id && id.GetValueKind() == JsonValueKind.String
            ? id.GetValue<string>()
            : null;

    public static string? OwnerOf(JsonObject? part) => FirstId(part, Owner, "UserIds");

    /// <summary>The lead's expected revenue in the currency's minor unit (the stored Amount has exactly the currency's decimals), and the currency.</summary>
    public static (long MinorUnits, string Currency)? Revenue(JsonObject? part)
    {
        if (part?[ExpectedRevenue] is not JsonObject money || String(money, "Currency") is not { } currency || money["Amount"] is not JsonValue amount)
        {
            return null;
        }
        var text = amount.GetValueKind() == JsonValueKind.String ? amount.GetValue<string>() : amount.ToJsonString();
        return long.TryParse(text.Replace(".", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var minor)
            ? (minor, currency)
            : null;
    }

    /// <summary>When the lead was won or lost (ISO 8601, UTC), or null while it is open.</summary>
    public static string? ClosedUtcOf(JsonObject? part) => String(part, ClosedUtc);

    public static LeadStatus StatusOf(JsonObject? part) =>
        String(part, Status) is { } text && Enum.TryParse<LeadStatus>(text, ignoreCase: true, out var status) ? status : LeadStatus.Open;

    public static void SetText(JsonObject part, string field, string? text) => part[field] = new JsonObject { ["Text"] = text };

    public static void SetNumber(JsonObject part, string field, decimal? number) => part[field] = new JsonObject { ["Value"] = number };

    public static void SetIds(JsonObject part, string field, string? id, string property = "ContentItemIds") =>
        part[field] = new JsonObject { [property] = id is null ? new JsonArray() : new JsonArray(id) };

    /// <summary>
    /// The value of any field of the lead as text, for rules: <paramref name="field"/> is a LeadPart field's name
    /// (<c>Source</c>) or <c>Part.Field</c> for a field in another part (<c>Lead.Budget</c> for one an admin added to the type).
    /// A list (a picker) reads as its first id; a missing or empty field reads as null.
    /// </summary>
    public static string? FieldText(ContentItem item, string field)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        var (partName, fieldName) = dot < 0 ? (PartName, field) : (field[..dot], field[(dot + 1)..]);
        if (item.Part(partName)?[fieldName] is not { } value)
        {
            return null;
        }
        if (value is JsonObject obj)
        {
            value = ValueProperties.Select(p => obj[p]).FirstOrDefault(v => v is not null) ?? obj.Select(p => p.Value).FirstOrDefault(v => v is JsonValue);
        }
        if (value is JsonArray list)
        {
            value = list.Count > 0 ? list[0] : null;
        }
        return value is JsonValue scalar ? scalar.GetValueKind() switch
        {
            JsonValueKind.String => NullIfBlank(scalar.GetValue<string>()),
            JsonValueKind.Number => scalar.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        } : null;
    }

    private static string? String(JsonObject? value, string property) =>
        value?[property] is JsonValue text && text.GetValueKind() == JsonValueKind.String ? NullIfBlank(text.GetValue<string>()) : null;

    private static string? NullIfBlank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Where a lead stands: open while in an open stage, won or lost in the won or lost stage.</summary>
public enum LeadStatus
{
    Open,
    Won,
    Lost,
}
