using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Leads.Models;

namespace ErpCrm.Leads.Pages.Admin.Leads;

/// <summary>
/// The lead editor's inputs and a lead's JSON, both ways. Inputs are named by their content paths, so the errors the content
/// services answer land at them. Only what the form shows is written: the rest of the item (status, conversions, score, fields
/// an admin added, which <see cref="IContentFieldsForm"/> writes) stays as stored.
/// </summary>
public static class LeadForm
{
    public const string Title = "TitlePart.Title";

    public static string PathOf(string field) => $"{LeadPartValues.PartName}.{field}";

    /// <summary>The LeadPart fields edited as one text input, and the property of the field's JSON that holds the value.</summary>
    public static readonly IReadOnlyList<(string Field, string Property)> TextFields =
    [
        (LeadPartValues.ContactName, "Text"), (LeadPartValues.CompanyName, "Text"), (LeadPartValues.Email, "Email"), (LeadPartValues.Phone, "Phone"),
        (LeadPartValues.Source, "Text"), (LeadPartValues.Stage, "Text"), (LeadPartValues.Probability, "Value"), (LeadPartValues.LostReason, "Text"),
        (LeadPartValues.Notes, "Text"), (LeadPartValues.ExpectedClose, "Value"),
    ];

    public static readonly string Owner = PathOf(LeadPartValues.Owner);
    public static readonly string Contact = PathOf(LeadPartValues.Contact);
    public static readonly string Revenue = PathOf(LeadPartValues.ExpectedRevenue);
    public static readonly string Amount = Revenue + ".Amount";
    public static readonly string Currency = Revenue + ".Currency";

    /// <summary>Every input of the form by name.</summary>
    public static readonly IReadOnlyList<string> Inputs = [.. TextFields.Select(f => PathOf(f.Field)), Title, Owner, Contact, Amount, Currency];

    /// <summary>The paths whose errors the form shows next to its own inputs.</summary>
    public static readonly IReadOnlyList<string> Shown = [.. TextFields.Select(f => PathOf(f.Field)), Title, Owner, Contact, Revenue];

    /// <summary>
    /// The paths the form shows itself or keeps off every form (computed, or set by the lead's actions): the type's other fields,
    /// those an admin added, are shown below the form.
    /// </summary>
    public static readonly IReadOnlyList<string> NotMoreFields =
        [.. Shown, "TitlePart", PathOf(LeadPartValues.Score), PathOf(LeadPartValues.ConvertedCompany), PathOf(LeadPartValues.ConvertedPerson)];

    /// <summary>The inputs' values for a stored lead.</summary>
    public static Dictionary<string, string> ValuesOf(ContentItem item)
    {
        var part = item.Part(LeadPartValues.PartName);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Title] = Scalar(item.Part("TitlePart")?["Title"]),
            [Owner] = LeadPartValues.OwnerOf(part) ?? "",
            [Contact] = LeadPartValues.FirstId(part, LeadPartValues.Contact) ?? "",
            [Amount] = Scalar((part?[LeadPartValues.ExpectedRevenue] as JsonObject)?["Amount"]),
            [Currency] = Scalar((part?[LeadPartValues.ExpectedRevenue] as JsonObject)?["Currency"]),
        };
        foreach (var (field, property) in TextFields)
        {
            values[PathOf(field)] = Scalar((part?[field] as JsonObject)?[property]);
        }
        // A date input shows the day only; the field may hold it with a time of midnight.
        values[PathOf(LeadPartValues.ExpectedClose)] = values[PathOf(LeadPartValues.ExpectedClose)] is { Length: > 10 } day ? day[..10] : values[PathOf(LeadPartValues.ExpectedClose)];
        return values;
    }

    /// <summary>
    /// Writes the posted values (trimmed, the amount invariant) into <paramref name="item"/>, a copy of the stored lead; an empty input
    /// clears its field, a field the form did not post (one the tenant's type lacks) stays as stored.
    /// </summary>
    public static void Write(IReadOnlyDictionary<string, string> values, ContentItem item)
    {
        var part = item.GetOrCreatePart(LeadPartValues.PartName);
        foreach (var (field, property) in TextFields.Where(f => values.ContainsKey(PathOf(f.Field))))
        {
            var text = values[PathOf(field)];
            // A number that does not read is passed on as typed: the field's type refuses it with its message.
            part[field] = new JsonObject
            {
                [property] = text.Length == 0 ? null
                    : field == LeadPartValues.Probability && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
                    : JsonValue.Create(text),
            };
        }
        LeadPartValues.SetIds(part, LeadPartValues.Owner, NullIfEmpty(values[Owner]), "UserIds");
        LeadPartValues.SetIds(part, LeadPartValues.Contact, NullIfEmpty(values[Contact]));
        if (values[Amount].Length == 0)
        {
            part.Remove(LeadPartValues.ExpectedRevenue);
        }
        else
        {
            part[LeadPartValues.ExpectedRevenue] = new JsonObject { ["Amount"] = values[Amount], ["Currency"] = values[Currency].ToUpperInvariant() };
        }
        item.GetOrCreatePart("TitlePart")["Title"] = values[Title];
        if (values[Title].Length > 0)
        {
            item.DisplayText = values[Title];
        }
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string Scalar(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
        : "";
}
