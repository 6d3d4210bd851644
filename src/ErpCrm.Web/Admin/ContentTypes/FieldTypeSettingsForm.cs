using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Web.Admin.Content;
using ErpCrm.Web.Admin.Content.Fields;

namespace ErpCrm.Web.Admin.ContentTypes;

/// <summary>
/// The settings inputs the kernel's field editors share (their <c>{FieldName}Settings</c> object as a small form; each editor
/// writes its own, see <see cref="WidgetFieldEditor.ApplySettings"/>), and the JSON text that edits the settings of a type
/// whose editor has no form. Numbers are kept as typed, so that a wrong one comes back as the user typed it with an error
/// next to it. Settings the form does not show are kept as they were. Errors are keyed by the inputs' names
/// (<see cref="Prefix"/> + property).
/// </summary>
public sealed class FieldTypeSettingsForm
{
    /// <summary>The prefix of the inputs' names, as the pages bind the form.</summary>
    public const string Prefix = ContentFieldSettingsView.Prefix;

    /// <summary>The kernel's field types with a form of their own; every other type edits its settings as JSON.</summary>
    public static readonly IReadOnlySet<string> FormTypes =
        ContentFieldEditors.Kernel.Where(e => e.SettingsView is not null).Select(e => e.FieldType).ToHashSet(StringComparer.Ordinal);

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

    /// <summary>Which form a kernel field type gets: its own name, or "Json".</summary>
    public static string EditorOf(string fieldType) => FormTypes.Contains(fieldType) ? fieldType : "Json";

    /// <summary>The form filled from a field's stored settings.</summary>
    public static FieldTypeSettingsForm From(ContentPartFieldDefinition field) =>
        FromSettings(field.Settings[ContentDefinitionEditing.TypeSettingsName(field.FieldName)] as JsonObject ?? []);

    /// <summary>The form filled from a field type's settings object.</summary>
    public static FieldTypeSettingsForm FromSettings(JsonObject settings) => new()
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
        Json = JsonText(settings),
    };

    /// <summary>The form from posted inputs (by name, without the prefix).</summary>
    public static FieldTypeSettingsForm FromInputs(IReadOnlyDictionary<string, string[]> inputs)
    {
        string First(string name) => WidgetFieldEditor.First(inputs, name);
        return new FieldTypeSettingsForm
        {
            MaxLength = First(nameof(MaxLength)), Pattern = First(nameof(Pattern)), Multiline = First(nameof(Multiline)) == "true",
            Minimum = First(nameof(Minimum)), Maximum = First(nameof(Maximum)), Scale = First(nameof(Scale)), Currency = First(nameof(Currency)),
            Options = First(nameof(Options)), Multiple = First(nameof(Multiple)) == "true",
            DisplayedContentTypes = inputs.TryGetValue(nameof(DisplayedContentTypes), out var types) ? [.. types] : [], Json = First(nameof(Json)),
        };
    }

    /// <summary>The form's inputs by name (without the prefix), as the settings views read them.</summary>
    public Dictionary<string, string[]> Inputs() => new(StringComparer.Ordinal)
    {
        [nameof(MaxLength)] = [MaxLength], [nameof(Pattern)] = [Pattern], [nameof(Multiline)] = Multiline ? ["true"] : [],
        [nameof(Minimum)] = [Minimum], [nameof(Maximum)] = [Maximum], [nameof(Scale)] = [Scale], [nameof(Currency)] = [Currency],
        [nameof(Options)] = [Options], [nameof(Multiple)] = Multiple ? ["true"] : [], [nameof(DisplayedContentTypes)] = [.. DisplayedContentTypes],
        [nameof(Json)] = [Json],
    };

    /// <summary>
    /// The field type's settings object the form gives, starting from the stored one (so that settings the form does not
    /// show are kept); null with <paramref name="errors"/> filled when an input is wrong.
    /// </summary>
    public JsonObject? ToSettings(ContentPartFieldDefinition field, IDictionary<string, string> errors)
    {
        var found = new Dictionary<string, string>();
        var stored = field.Settings[ContentDefinitionEditing.TypeSettingsName(field.FieldName)] as JsonObject ?? [];
        var settings = stored.DeepClone().AsObject();
        if (ContentFieldEditors.Find(ContentFieldEditors.Kernel, field.FieldName) is WidgetFieldEditor { SettingsView: not null } editor)
        {
            editor.ApplySettings(this, settings, found);
        }
        else
        {
            settings = ParseObject(Json, found) ?? settings;
        }
        foreach (var (key, message) in found)
        {
            errors[Prefix + key] = message;
        }
        return found.Count > 0 ? null : settings;
    }

    /// <summary>Settings as the JSON text of the form for types without a form of their own.</summary>
    public static string JsonText(JsonObject settings) => settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The settings a JSON text gives: an object, empty for no text; null with an error under <c>Json</c> otherwise.</summary>
    public static JsonObject? ParseObject(string json, IDictionary<string, string> errors)
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
            errors[nameof(Json)] = "The settings must be a JSON object, e.g. {\"Placeholder\": \"…\"}.";
        }
        catch (JsonException e)
        {
            errors[nameof(Json)] = $"The settings are not valid JSON: {e.Message}";
        }
        return null;
    }

    internal static JsonValue? WholeNumber(string text, string property, int min, int max, IDictionary<string, string> errors)
    {
        if (text.Trim().Length == 0)
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return JsonValue.Create(value);
        }
        errors[property] = max == int.MaxValue ? $"Enter a whole number of at least {min}, or leave it empty." : $"Enter a whole number from {min} to {max}, or leave it empty.";
        return null;
    }

    internal static decimal? Number(string text, string property, IDictionary<string, string> errors)
    {
        if (text.Trim().Length == 0)
        {
            return null;
        }
        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors[property] = "Enter a number such as 12.5 (a dot for decimals), or leave it empty.";
        return null;
    }

    internal static JsonValue? Regular(string pattern, IDictionary<string, string> errors)
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
            errors[nameof(Pattern)] = $"The pattern is not a valid regular expression: {e.Message}";
            return null;
        }
    }

    internal static void Set(JsonObject settings, string key, JsonNode? value)
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
}
