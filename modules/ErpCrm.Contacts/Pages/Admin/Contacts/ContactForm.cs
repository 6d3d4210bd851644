using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Contacts.Models;
using ErpCrm.Contacts.Services;

namespace ErpCrm.Contacts.Pages.Admin.Contacts;

/// <summary>
/// The contact editor's inputs and a company's or person's JSON, both ways. Inputs are named by their content paths, so the
/// errors the content services answer (an empty name, a duplicate) land at them. Only what the form shows is written: archive
/// and merge marks and the fields an admin added (written by <see cref="IContentFieldsForm"/>) stay as stored.
/// </summary>
public static class ContactForm
{
    public const string Name = ContactRules.TitlePath;
    public const string PersonPart = "PersonPart";
    public const string Company = PersonPart + ".Company";
    public const string JobTitle = PersonPart + ".JobTitle";

    public static string PathOf(string field) => $"{ContactKeys.PartName}.{field}";

    /// <summary>The ContactPart text fields, the property that holds each value, and their labels, in the form's order.</summary>
    public static readonly IReadOnlyList<(string Field, string Property, string Label, string Type)> TextFields =
    [
        ("Email", "Email", "Email", "email"), ("Phone", "Phone", "Phone", "tel"), ("TaxId", "Text", "Tax id", "text"),
        ("Street", "Text", "Street", "text"), ("PostalCode", "Text", "Postal code", "text"), ("City", "Text", "City", "text"),
        ("Country", "Text", "Country", "text"), ("Tags", "Text", "Tags", "text"),
    ];

    /// <summary>The roles, as the ContactPart's boolean fields.</summary>
    public static readonly IReadOnlyList<(string Field, string Label)> Roles = [("IsCustomer", "Customer"), ("IsSupplier", "Supplier")];

    public static bool IsPerson(string type) => string.Equals(type, ContactService.Person, StringComparison.OrdinalIgnoreCase);

    /// <summary>Every input of the form of a type, by name.</summary>
    public static IReadOnlyList<string> Inputs(string type) =>
        [Name, .. TextFields.Select(f => PathOf(f.Field)), .. Roles.Select(r => PathOf(r.Field)), .. IsPerson(type) ? new[] { Company, JobTitle } : []];

    /// <summary>The paths the form shows itself: the type's other fields, those an admin added, are shown below it.</summary>
    public static IReadOnlyList<string> Shown(string type) => [.. Inputs(type), "TitlePart"];

    /// <summary>The inputs' values for a stored contact.</summary>
    public static Dictionary<string, string> ValuesOf(ContentItem item)
    {
        var part = item.Part(ContactKeys.PartName);
        var person = item.Part(PersonPart);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Name] = ContactKeys.Title(item) ?? item.DisplayText ?? "",
            [Company] = (person?["Company"] as JsonObject)?["ContentItemIds"] is JsonArray { Count: > 0 } ids && ids[0] is JsonValue id ? id.ToString() : "",
            [JobTitle] = Text((person?["JobTitle"] as JsonObject)?["Text"]),
        };
        foreach (var (field, property, _, _) in TextFields)
        {
            values[PathOf(field)] = Text((part?[field] as JsonObject)?[property]);
        }
        foreach (var (field, _) in Roles)
        {
            values[PathOf(field)] = (part?[field] as JsonObject)?["Value"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True ? "true" : "";
        }
        return values;
    }

    /// <summary>Writes the posted values (trimmed) into <paramref name="item"/>; an empty input clears its field, an unchecked role is false.</summary>
    public static void Write(IReadOnlyDictionary<string, string> values, ContentItem item)
    {
        var part = item.GetOrCreatePart(ContactKeys.PartName);
        foreach (var (field, property, _, _) in TextFields)
        {
            part[field] = new JsonObject { [property] = NullIfEmpty(values[PathOf(field)]) };
        }
        foreach (var (field, _) in Roles)
        {
            part[field] = new JsonObject { ["Value"] = values[PathOf(field)] == "true" };
        }
        if (IsPerson(item.ContentType))
        {
            var person = item.GetOrCreatePart(PersonPart);
            person["Company"] = new JsonObject { ["ContentItemIds"] = values[Company].Length == 0 ? new JsonArray() : new JsonArray(values[Company]) };
            person["JobTitle"] = new JsonObject { ["Text"] = NullIfEmpty(values[JobTitle]) };
        }
        item.GetOrCreatePart("TitlePart")["Title"] = values[Name];
        item.DisplayText = values[Name];
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";
}
