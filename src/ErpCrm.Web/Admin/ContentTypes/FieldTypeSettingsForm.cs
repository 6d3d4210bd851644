using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Content;
using ErpCrm.Core.Content;

namespace ErpCrm.Web.Admin.ContentTypes;

/// <summary>
/// A field type's own settings (its <c>{FieldName}Settings</c> object) as a small form: a few inputs for the common
/// field types, a JSON text for any other. Numbers are kept as typed, so that a wrong one comes back as the user
/// typed it with an error next to it. Settings the form does not show are kept as they were.
/// Errors are keyed by the inputs' names (<see cref="Prefix"/> + property).
/// </summary>
public sealed partial class FieldTypeSettingsForm
{
    /// <summary>The prefix of the inputs' names, as the pages bind the form.</summary>
    public const string Prefix = "settings.";

    /// <summary>The field types with a form of their own; every other type edits its settings as JSON.</summary>
    public static readonly IReadOnlySet<string> FormTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "TextField", "NumericField", "MoneyField", "EnumerationField", "ContentPickerField",
    };

    public string MaxLength { get; set; } = "";
    public string Pattern { get; set; } = "";
    public bool Multiline { get; set; }
    public string Minimum { get; set; } = "";
    public string Maximum { get; set; } = "";
    public string Scale { get; set; } = "";
    public string Currency { get; set; } = "";
    public string Options { get; set; } = "";
    public bool Multiple { get; set; }
    public List<string> DisplayedContentTypes { get; set; } = [];
    public string Json { get; set; } = "";

    /// <summary>Which form the field type gets: its own name, or "Json".</summary>
    public static string EditorOf(string fieldType) => FormTypes.Contains(fieldType) ? fieldType : "Json";

    /// <summary>The form filled from a field's stored settings.</summary>
    public static FieldTypeSettingsForm From(ContentPartFieldDefinition field)
    {
        var settings = field.Settings[ContentDefinitionEditing.TypeSettingsName(field.FieldName)] as JsonObject ?? [];
        return new FieldTypeSettingsForm
        {
            MaxLength = Text(settings["MaxLength"]),
            Pattern = Text(settings["Pattern"]),
            Multiline = settings["Multiline"] is JsonValue multiline && multiline.TryGetValue<bool>(out var m) && m,
            Minimum = Text(settings["Minimum"]),
            Maximum = Text(settings["Maximum"]),
            Scale = Text(settings["Scale"]),
            Currency = Text(settings["Currency"]),
            Options = settings["Options"] is JsonArray options ? string.Join("\n", options.Select(Text)) : "",
            Multiple = settings["Multiple"] is JsonValue multiple && multiple.TryGetValue<bool>(out var many) && many,
            DisplayedContentTypes = settings["DisplayedContentTypes"] is JsonArray types ? [.. types.Select(Text)] : [],
            Json = settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
        };
    }

    /// <summary>
    /// The field type's settings object the form gives, starting from the stored one (so that settings the form does not
    /// show are kept); null with <paramref name="errors"/> filled when an input is wrong.
    /// </summary>
    public JsonObject? ToSettings(ContentPartFieldDefinition field, IDictionary<string, string> errors)
    {
        var found = new Dictionary<string, string>();
        var settings = Apply(field, found);
        foreach (var (key, message) in found)
        {
            errors[key] = message;
        }
        return found.Count > 0 ? null : settings;
    }

    private JsonObject Apply(ContentPartFieldDefinition field, Dictionary<string, string> errors)
    {
        var stored = field.Settings[ContentDefinitionEditing.TypeSettingsName(field.FieldName)] as JsonObject ?? [];
        var settings = stored.DeepClone().AsObject();
        switch (EditorOf(field.FieldName))
        {
            case "TextField":
                Set(settings, "MaxLength", WholeNumber(MaxLength, nameof(MaxLength), 1, int.MaxValue, errors));
                Set(settings, "Pattern", Regular(Pattern, errors));
                Set(settings, "Multiline", Multiline ? JsonValue.Create(true) : null);
                break;
            case "NumericField":
                var minimum = Number(Minimum, nameof(Minimum), errors);
                var maximum = Number(Maximum, nameof(Maximum), errors);
                if (minimum is { } min && maximum is { } max && min > max)
                {
                    errors[Prefix + nameof(Maximum)] = "The maximum must not be less than the minimum.";
                }
                Set(settings, "Minimum", minimum is { } low ? JsonValue.Create(low) : null);
                Set(settings, "Maximum", maximum is { } high ? JsonValue.Create(high) : null);
                Set(settings, "Scale", WholeNumber(Scale, nameof(Scale), 0, 10, errors));
                break;
            case "MoneyField":
                var currency = Currency.Trim().ToUpperInvariant();
                if (currency.Length > 0 && !CurrencyCode().IsMatch(currency))
                {
                    errors[Prefix + nameof(Currency)] = "Enter a currency as its three-letter ISO 4217 code, e.g. EUR; or leave it empty to choose per item.";
                }
                Set(settings, "Currency", currency.Length > 0 ? JsonValue.Create(currency) : null);
                break;
            case "EnumerationField":
                var options = Options.Split('\n').Select(o => o.Trim()).Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).ToList();
                Set(settings, "Options", options.Count > 0 ? new JsonArray([.. options.Select(o => (JsonNode)JsonValue.Create(o))]) : null);
                Set(settings, "Multiple", Multiple ? JsonValue.Create(true) : null);
                break;
            case "ContentPickerField":
                var types = DisplayedContentTypes.Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                Set(settings, "DisplayedContentTypes", types.Count > 0 ? new JsonArray([.. types.Select(t => (JsonNode)JsonValue.Create(t))]) : null);
                Set(settings, "Multiple", Multiple ? JsonValue.Create(true) : null);
                break;
            default:
                settings = ParseObject(Json, errors) ?? settings;
                break;
        }
        return settings;
    }

    private static JsonObject? ParseObject(string json, IDictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            if (JsonNode.Parse(json) is JsonObject parsed)
            {
                return parsed;
            }
            errors[Prefix + nameof(Json)] = "The settings must be a JSON object, e.g. {\"Placeholder\": \"…\"}.";
        }
        catch (JsonException e)
        {
            errors[Prefix + nameof(Json)] = $"The settings are not valid JSON: {e.Message}";
        }
        return null;
    }

    private static JsonValue? WholeNumber(string text, string property, int min, int max, IDictionary<string, string> errors)
    {
        if (text.Trim().Length == 0)
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return JsonValue.Create(value);
        }
        errors[Prefix + property] = max == int.MaxValue ? $"Enter a whole number of at least {min}, or leave it empty." : $"Enter a whole number from {min} to {max}, or leave it empty.";
        return null;
    }

    private static decimal? Number(string text, string property, IDictionary<string, string> errors)
    {
        if (text.Trim().Length == 0)
        {
            return null;
        }
        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors[Prefix + property] = "Enter a number such as 12.5 (a dot for decimals), or leave it empty.";
        return null;
    }

    private static JsonValue? Regular(string pattern, IDictionary<string, string> errors)
    {
        if (pattern.Length == 0)
        {
            return null;
        }
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return JsonValue.Create(pattern);
        }
        catch (ArgumentException e)
        {
            errors[Prefix + nameof(Pattern)] = $"The pattern is not a valid regular expression: {e.Message}";
            return null;
        }
    }

    private static void Set(JsonObject settings, string key, JsonNode? value)
    {
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyCode();
}
