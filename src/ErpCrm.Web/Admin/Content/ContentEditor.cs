using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content.Items;

namespace ErpCrm.Web.Admin.Content;

/// <summary>How the item editor shows a field or a part.</summary>
public enum ContentWidget
{
    Text, TextArea, Number, Money, Boolean, Date, DateTime, Enumeration, ContentPicker, UserPicker, Link, Email, Phone,
    /// <summary>A field or part no widget knows: its JSON, kept as it is unless edited.</summary>
    Json,
    /// <summary>TitlePart's Title.</summary>
    Title,
}

/// <summary>An option of a select or of a group of checkboxes.</summary>
public sealed record ContentOption(string Value, string Text);

/// <summary>
/// One field of the editor. Its inputs are named by its path in the item (<c>Part.Field</c>, or <c>Part.Field.Prop</c> for
/// widgets with several inputs), the same keys the content services name errors by, so errors land under their inputs.
/// </summary>
public sealed record ContentFieldEditor(string Path, string FieldName, string FieldType, string Label, string? Hint, bool Required, ContentWidget Widget)
{
    /// <summary>The JSON property a one-input widget writes (Text, Value, Html…).</summary>
    public string Property { get; init; } = "Value";
    public int? MaxLength { get; init; }
    public string? Step { get; init; }
    public string? Min { get; init; }
    public string? Max { get; init; }
    /// <summary>The currency a money field is always in, when its settings fix one.</summary>
    public string? Currency { get; init; }
    public bool Multiple { get; init; }
    /// <summary>An enumeration's options.</summary>
    public IReadOnlyList<ContentOption> Options { get; init; } = [];
    /// <summary>The types a content picker offers (empty: every type).</summary>
    public IReadOnlyList<string> PickedTypes { get; init; } = [];

    /// <summary>The names of its inputs: errors under other keys of its path are shown below the widget.</summary>
    public IReadOnlyList<string> InputNames => Widget switch
    {
        ContentWidget.Money => [Path + ".Amount", Path + ".Currency"],
        ContentWidget.Link => [Path + ".Url", Path + ".Text"],
        _ => [Path],
    };

    /// <summary>The HTML id of its (first) input.</summary>
    public string Id => "f-" + Path.Replace('.', '-');
}

/// <summary>One attached part of the editor: its fields, or its JSON when no widget knows it.</summary>
public sealed record ContentPartEditor(string Name, string DisplayName, string? Description, IReadOnlyList<ContentFieldEditor> Fields);

/// <summary>
/// The editor of a content type, built from its definition: each attached part in position order with its fields in
/// position order, each field with the widget its field type calls for and the settings the widget uses.
/// </summary>
public sealed record ContentEditor(ContentSchema Schema, IReadOnlyList<ContentPartEditor> Parts)
{
    /// <summary>Body parts whose whole content is one text property.</summary>
    private static readonly Dictionary<string, string> BodyParts = new(StringComparer.Ordinal) { ["HtmlBodyPart"] = "Html", ["MarkdownBodyPart"] = "Markdown" };

    public IEnumerable<ContentFieldEditor> Fields => Parts.SelectMany(p => p.Fields);

    /// <param name="partTypes">The part types with behaviour, whose display names title their cards (e.g. "Title" for TitlePart).</param>
    public static ContentEditor For(ContentSchema schema, IEnumerable<IContentPartType>? partTypes = null)
    {
        var partTypeNames = (partTypes ?? []).ToDictionary(t => t.Name, t => t.DisplayName, StringComparer.Ordinal);
        var parts = new List<ContentPartEditor>();
        foreach (var part in InPositionOrder(schema.Type.Parts, p => p.Settings, ContentSettingNames.ContentTypePartSettings))
        {
            schema.Parts.TryGetValue(part.PartName, out var definition);
            var fields = new List<ContentFieldEditor>();
            if (part.PartName == "TitlePart")
            {
                fields.Add(new ContentFieldEditor(part.Name + ".Title", "Title", "TitlePart", "Title", null, TitleRequired(part), ContentWidget.Title) { Property = "Title", MaxLength = 400 });
            }
            else if (BodyParts.TryGetValue(part.PartName, out var property))
            {
                fields.Add(new ContentFieldEditor(part.Name + "." + property, property, part.PartName, property == "Html" ? "Body (HTML)" : "Body (Markdown)", null, false, ContentWidget.TextArea) { Property = property });
            }
            foreach (var field in InPositionOrder(schema.FieldsOf(part), f => f.Settings, ContentSettingNames.ContentPartFieldSettings))
            {
                fields.Add(FieldEditor(part.Name + "." + field.Name, field));
            }
            if (fields.Count == 0)
            {
                fields.Add(new ContentFieldEditor(part.Name, part.Name, part.PartName, "Part data (JSON)", "No editor knows this part: its data as JSON, kept as it is unless you change it.", false, ContentWidget.Json));
            }
            var settings = part.Settings[ContentSettingNames.ContentTypePartSettings] as JsonObject;
            var partSettings = definition?.Settings[ContentSettingNames.ContentPartSettings] as JsonObject;
            var displayName = Text(settings, "DisplayName") ?? Text(partSettings, "DisplayName")
                ?? (part.Name == part.PartName ? partTypeNames.GetValueOrDefault(part.PartName) : null) ?? part.Name;
            parts.Add(new ContentPartEditor(part.Name, displayName, Text(settings, "Description") ?? Text(partSettings, "Description"), fields));
        }
        return new ContentEditor(schema, parts);
    }

    private static ContentFieldEditor FieldEditor(string path, ContentPartFieldDefinition field)
    {
        var common = field.Settings[ContentSettingNames.ContentPartFieldSettings] as JsonObject;
        var own = field.Settings[field.FieldName + "Settings"] as JsonObject;
        var editor = new ContentFieldEditor(path, field.Name, field.FieldName, ContentSchema.DisplayNameOf(field),
            Text(common, "Hint") ?? Text(own, "Hint"), Flag(common, "Required") || Flag(own, "Required"), ContentWidget.Json);
        return field.FieldName switch
        {
            "TextField" => editor with
            {
                Widget = Flag(own, "Multiline") || Text(common, "Editor") == "TextArea" ? ContentWidget.TextArea : ContentWidget.Text,
                Property = "Text", MaxLength = (int?)Number(own, "MaxLength"),
            },
            "HtmlField" => editor with { Widget = ContentWidget.TextArea, Property = "Html" },
            "MarkdownField" => editor with { Widget = ContentWidget.TextArea, Property = "Markdown" },
            "NumericField" => editor with
            {
                Widget = ContentWidget.Number,
                Step = Number(own, "Scale") is { } scale and >= 0 and <= 10 ? (1m / Pow10((int)scale)).ToString(CultureInfo.InvariantCulture) : "any",
                Min = Number(own, "Minimum")?.ToString(CultureInfo.InvariantCulture), Max = Number(own, "Maximum")?.ToString(CultureInfo.InvariantCulture),
            },
            "MoneyField" => editor with { Widget = ContentWidget.Money, Currency = Text(own, "Currency") },
            "BooleanField" => editor with { Widget = ContentWidget.Boolean, Hint = editor.Hint ?? Text(own, "Label") },
            "DateField" => editor with { Widget = ContentWidget.Date },
            "DateTimeField" => editor with { Widget = ContentWidget.DateTime },
            "EnumerationField" when Options(own) is { Count: > 0 } options => editor with { Widget = ContentWidget.Enumeration, Options = options, Multiple = Flag(own, "Multiple") },
            "ContentPickerField" => editor with
            {
                Widget = ContentWidget.ContentPicker, Property = "ContentItemIds", Multiple = Flag(own, "Multiple"),
                PickedTypes = Flag(own, "DisplayAllContentTypes") ? [] : Strings(own, "DisplayedContentTypes"),
            },
            "UserPickerField" => editor with { Widget = ContentWidget.UserPicker, Property = "UserIds", Multiple = Flag(own, "Multiple") },
            "LinkField" => editor with { Widget = ContentWidget.Link },
            "EmailField" => editor with { Widget = ContentWidget.Email, Property = "Email" },
            "PhoneField" => editor with { Widget = ContentWidget.Phone, Property = "Phone" },
            _ => editor with { Hint = $"{field.FieldName} has no editor here: its value as JSON, kept as it is unless you change it." },
        };
    }

    /// <summary>Stable order by the settings' Position (a number or, as Orchard Core writes it, a numeric string); none keeps its place.</summary>
    private static IEnumerable<T> InPositionOrder<T>(IReadOnlyList<T> items, Func<T, JsonObject> settings, string settingsName) =>
        items.Select((item, index) => (item, position: Number(settings(item)[settingsName] as JsonObject, "Position") ?? index))
            .OrderBy(p => p.position).Select(p => p.item);

    private static bool TitleRequired(ContentTypePartDefinition part) =>
        part.Settings["TitlePartSettings"] is JsonObject settings && settings["Options"] is JsonValue options
        && options.ToJsonString() is "\"EditableRequired\"" or "1";

    private static List<ContentOption> Options(JsonObject? settings) =>
        settings?["Options"] is JsonArray options
            ? options.Select(o => o switch
                {
                    JsonValue v when v.GetValueKind() == JsonValueKind.String => new ContentOption(v.GetValue<string>(), v.GetValue<string>()),
                    JsonObject pair when Text(pair, "Value") is { } value => new ContentOption(value, Text(pair, "Text") ?? value),
                    _ => null,
                }).OfType<ContentOption>().ToList()
            : [];

    internal static string? Text(JsonObject? settings, string name) =>
        settings?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } text ? text : null;

    private static bool Flag(JsonObject? settings, string name) =>
        settings?[name] is JsonValue v && (v.GetValueKind() == JsonValueKind.True || (v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "true"));

    private static decimal? Number(JsonObject? settings, string name) => settings?[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && decimal.TryParse(v.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static List<string> Strings(JsonObject? settings, string name) =>
        settings?[name] is JsonArray array ? array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList() : [];

    private static decimal Pow10(int power) => Enumerable.Repeat(10m, power).Aggregate(1m, (a, b) => a * b);
}
