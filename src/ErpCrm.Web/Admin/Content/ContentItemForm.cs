using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Web.Admin.Content;

/// <summary>
/// The item editor's form and the item's JSON, both ways: <see cref="ValuesOf"/> fills the inputs from an item,
/// <see cref="Apply"/> writes posted inputs into an item in Orchard Core's shapes (<c>TextField {"Text"}</c>,
/// <c>NumericField {"Value"}</c>, <c>MoneyField {"Amount","Currency"}</c>…). Apply changes only the properties the
/// widgets show, so whatever else an item carries (parts and properties without an editor) is kept. A value that does
/// not read (a number that is not one) is passed on as typed, so that the field type names the problem.
/// </summary>
public static class ContentItemForm
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The inputs' values for an item (a new item: none), by input name.</summary>
    public static Dictionary<string, string[]> ValuesOf(ContentEditor editor, ContentItem? item)
    {
        var values = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (item is null)
        {
            return values;
        }
        foreach (var field in editor.Fields)
        {
            var (part, name) = Split(field.Path);
            var partValue = item.Part(part);
            if (field.Widget == ContentWidget.Json)
            {
                var node = name is null ? item.Parts[part] : partValue?[name];
                values[field.Path] = [node is null ? "" : node.ToJsonString(Indented)];
                continue;
            }
            if (field.Widget is ContentWidget.Title || field.FieldType is "HtmlBodyPart" or "MarkdownBodyPart")
            {
                values[field.Path] = [Scalar(partValue?[field.Property])];
                continue;
            }
            var value = partValue?[name!] as JsonObject;
            switch (field.Widget)
            {
                case ContentWidget.Money:
                    values[field.Path + ".Amount"] = [Scalar(value?["Amount"])];
                    values[field.Path + ".Currency"] = [field.Currency ?? Scalar(value?["Currency"])];
                    break;
                case ContentWidget.Link:
                    values[field.Path + ".Url"] = [Scalar(value?["Url"])];
                    values[field.Path + ".Text"] = [Scalar(value?["Text"])];
                    break;
                case ContentWidget.DateTime:
                    values[field.Path] = [LocalInput(Scalar(value?["Value"]))];
                    break;
                case ContentWidget.Enumeration:
                    values[field.Path] = value?["Values"] is JsonArray several ? Strings(several) : [Scalar(value?["Value"])];
                    break;
                case ContentWidget.ContentPicker or ContentWidget.UserPicker:
                    values[field.Path] = value?[field.Property] is JsonArray ids ? Strings(ids) : [];
                    break;
                default:
                    values[field.Path] = [Scalar(value?[field.Property])];
                    break;
            }
        }
        return values;
    }

    /// <summary>
    /// Writes the posted inputs into <paramref name="item"/> (a copy of the item being edited, or a new one). Adds an
    /// error per input that cannot be written at all (JSON that does not parse), keyed by the input's name.
    /// </summary>
    public static void Apply(ContentEditor editor, IReadOnlyDictionary<string, string[]> form, ContentItem item, IDictionary<string, string> errors)
    {
        foreach (var field in editor.Fields)
        {
            var (partName, name) = Split(field.Path);
            if (field.Widget == ContentWidget.Json)
            {
                ApplyJson(field, First(form, field.Path), item, partName, name, errors);
                continue;
            }
            var part = item.GetOrCreatePart(partName);
            if (field.Widget is ContentWidget.Title || field.FieldType is "HtmlBodyPart" or "MarkdownBodyPart")
            {
                var text = First(form, field.Path);
                part[field.Property] = text;
                if (field.Widget == ContentWidget.Title && text.Trim().Length > 0)
                {
                    item.DisplayText = text.Trim();
                }
                continue;
            }
            var value = part[name!] as JsonObject ?? [];
            part[name!] = value;
            switch (field.Widget)
            {
                case ContentWidget.Number:
                    value["Value"] = NumberOrText(First(form, field.Path));
                    break;
                case ContentWidget.Money:
                    value["Amount"] = NullIfEmpty(First(form, field.Path + ".Amount"));
                    value["Currency"] = field.Currency ?? NullIfEmpty(First(form, field.Path + ".Currency").ToUpperInvariant());
                    break;
                case ContentWidget.Boolean:
                    value["Value"] = form.TryGetValue(field.Path, out var flags) && flags.Length > 0 && flags[^1] == "true";
                    break;
                case ContentWidget.DateTime:
                    value["Value"] = UtcValue(First(form, field.Path));
                    break;
                case ContentWidget.Enumeration when field.Multiple:
                    value.Remove("Value");
                    value["Values"] = Array(All(form, field.Path));
                    break;
                case ContentWidget.Enumeration:
                    value.Remove("Values");
                    value["Value"] = NullIfEmpty(First(form, field.Path));
                    break;
                case ContentWidget.ContentPicker or ContentWidget.UserPicker:
                    value[field.Property] = Array(All(form, field.Path));
                    break;
                case ContentWidget.Link:
                    value["Url"] = NullIfEmpty(First(form, field.Path + ".Url"));
                    value["Text"] = NullIfEmpty(First(form, field.Path + ".Text"));
                    break;
                default:
                    value[field.Property] = NullIfEmpty(First(form, field.Path));
                    break;
            }
        }
    }

    /// <summary>The posted form as Apply and the editor read it.</summary>
    public static Dictionary<string, string[]> Read(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> form) =>
        form.ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? "").ToArray(), StringComparer.Ordinal);

    private static void ApplyJson(ContentFieldEditor field, string text, ContentItem item, string partName, string? name, IDictionary<string, string> errors)
    {
        JsonNode? node = null;
        if (text.Trim().Length > 0)
        {
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                errors[field.Path] = $"This is not valid JSON ({e.Message.Split(" Path:")[0]}).";
                return;
            }
            if (node is not JsonObject)
            {
                errors[field.Path] = "Enter a JSON object, e.g. {\"Name\": \"value\"}, or nothing.";
                return;
            }
        }
        if (name is null)
        {
            if (node is null) { item.Parts.Remove(partName); } else { item.Parts[partName] = node; }
        }
        else if (node is null)
        {
            item.Part(partName)?.Remove(name);
        }
        else
        {
            item.GetOrCreatePart(partName)[name] = node;
        }
    }

    private static (string Part, string? Name) Split(string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (path, null) : (path[..dot], path[(dot + 1)..]);
    }

    private static string First(IReadOnlyDictionary<string, string[]> form, string name) =>
        form.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : "";

    private static string[] All(IReadOnlyDictionary<string, string[]> form, string name) =>
        form.TryGetValue(name, out var values) ? values.Where(v => v.Trim().Length > 0).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToArray() : [];

    private static JsonArray Array(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    private static string? NullIfEmpty(string text) => text.Trim().Length == 0 ? null : text.Trim();

    private static JsonNode? NumberOrText(string text) =>
        NullIfEmpty(text) is not { } trimmed ? null
        : decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(trimmed);

    /// <summary>A datetime-local input's value (no zone) taken as UTC, as the editor says; text that does not read is passed on.</summary>
    private static string? UtcValue(string text) =>
        NullIfEmpty(text) is not { } trimmed ? null
        : DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : trimmed;

    /// <summary>A stored UTC date-time as a datetime-local input shows it (in UTC).</summary>
    private static string LocalInput(string stored) =>
        DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString(time.Second == 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : stored;

    private static string[] Strings(JsonArray array) => array.Select(Scalar).Where(s => s.Length > 0).ToArray();

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValueKind() == JsonValueKind.True ? "true" : "false",
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => "",
        _ => node.ToJsonString(),
    };
}
