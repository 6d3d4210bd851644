using ErpCrm.Money;
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
    /// <summary>A field type's own editor (<see cref="IContentFieldEditor.EditorView"/>), e.g. from a module.</summary>
    Custom,
}

/// <summary>
/// One field of the editor. Its inputs are named by its path in the item (<c>Part.Field</c>, or <c>Part.Field.Prop</c> for
/// widgets with several inputs), the same keys the content services name errors by, so errors land under their inputs.
/// A field type's <see cref="Editor"/> renders and binds it; the host's own widgets (<see cref="Widget"/>) serve the kernel's
/// field types' editors and the parts no field type owns (a title, a body, JSON).
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
    /// <summary>The rows of a text area.</summary>
    public int Rows { get; init; } = 4;
    /// <summary>How the list filters on the field with the host's filter inputs.</summary>
    public ContentFilterKind FilterKind { get; init; } = ContentFilterKind.Text;

    /// <summary>The field type's editor, or null for a part no field type owns and a field whose type has none (JSON).</summary>
    public IContentFieldEditor? Editor { get; init; }
    /// <summary>The field as its editor sees it (for a part's widget, one made up for the part).</summary>
    public ContentFieldEditorContext Context { get; init; } = null!;
    /// <summary>What the editor's <see cref="IContentFieldEditor.CreateModel"/> made.</summary>
    public object? Model { get; init; }

    /// <summary>
    /// The names of the inputs that show their own errors (the host's tag helper does it in the host's widgets): errors under
    /// other keys of its path are shown below the widget, and all of them for a field type's own editor.
    /// </summary>
    public IReadOnlyList<string> InputNames => Widget switch
    {
        ContentWidget.Custom => [],
        ContentWidget.Money => [Path + ".Amount", Path + ".Currency"],
        ContentWidget.Link => [Path + ".Url", Path + ".Text"],
        _ => [Path],
    };

    /// <summary>A field of a definition, before its editor says how it is edited: JSON.</summary>
    public static ContentFieldEditor From(ContentFieldEditorContext context) =>
        new(context.Path, context.Definition.Name, context.Definition.FieldName, context.Label, context.Hint, context.Required, ContentWidget.Json) { Context = context };

    /// <summary>A part's own widget (a title, a body, JSON), with a context made up for it.</summary>
    internal static ContentFieldEditor Part(string path, string name, string type, string label, string? hint, bool required, ContentWidget widget) =>
        From(new ContentFieldEditorContext { Path = path, Definition = new ContentPartFieldDefinition(name, type, []), Label = label, Hint = hint, Required = required }) with { Widget = widget };

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
    /// <param name="editors">The field types' editors (by default the kernel's, as the host registers them).</param>
    /// <param name="numbers">How the tenant types and reads numbers (its culture), for the editors of amounts and numbers.</param>
    public static ContentEditor For(ContentSchema schema, IEnumerable<IContentPartType>? partTypes = null, IEnumerable<IContentFieldEditor>? editors = null, FormNumbers? numbers = null)
    {
        var byType = ContentFieldEditors.ByFieldType(editors ?? ContentFieldEditors.Kernel);
        var partTypeNames = (partTypes ?? []).ToDictionary(t => t.Name, t => t.DisplayName, StringComparer.Ordinal);
        var parts = new List<ContentPartEditor>();
        foreach (var part in InPositionOrder(schema.Type.Parts, p => p.Settings, ContentSettingNames.ContentTypePartSettings))
        {
            schema.Parts.TryGetValue(part.PartName, out var definition);
            var fields = new List<ContentFieldEditor>();
            if (part.PartName == "TitlePart")
            {
                fields.Add(ContentFieldEditor.Part(part.Name + ".Title", "Title", "TitlePart", "Title", null, TitleRequired(part), ContentWidget.Title) with { Property = "Title", MaxLength = 400 });
            }
            else if (BodyParts.TryGetValue(part.PartName, out var property))
            {
                fields.Add(ContentFieldEditor.Part(part.Name + "." + property, property, part.PartName, property == "Html" ? "Body (HTML)" : "Body (Markdown)", null, false, ContentWidget.TextArea) with { Property = property, Rows = 8 });
            }
            foreach (var field in InPositionOrder(schema.FieldsOf(part), f => f.Settings, ContentSettingNames.ContentPartFieldSettings))
            {
                fields.Add(FieldEditor(part.Name + "." + field.Name, field, byType, numbers ?? FormNumbers.Default));
            }
            if (fields.Count == 0)
            {
                fields.Add(ContentFieldEditor.Part(part.Name, part.Name, part.PartName, "Part data (JSON)", "No editor knows this part: its data as JSON, kept as it is unless you change it.", false, ContentWidget.Json));
            }
            var settings = part.Settings[ContentSettingNames.ContentTypePartSettings] as JsonObject;
            var partSettings = definition?.Settings[ContentSettingNames.ContentPartSettings] as JsonObject;
            var displayName = Text(settings, "DisplayName") ?? Text(partSettings, "DisplayName")
                ?? (part.Name == part.PartName ? partTypeNames.GetValueOrDefault(part.PartName) : null) ?? part.Name;
            parts.Add(new ContentPartEditor(part.Name, displayName, Text(settings, "Description") ?? Text(partSettings, "Description"), fields));
        }
        return new ContentEditor(schema, parts);
    }

    /// <summary>
    /// A field as its type's editor shows it: the host's widget the editor's model describes (the kernel's editors), the editor's own
    /// view (a module's), or JSON when no editor serves the type.
    /// </summary>
    private static ContentFieldEditor FieldEditor(string path, ContentPartFieldDefinition field, IReadOnlyDictionary<string, IContentFieldEditor> editors, FormNumbers numbers)
    {
        var common = field.Settings[ContentSettingNames.ContentPartFieldSettings] as JsonObject;
        var own = field.Settings[field.FieldName + "Settings"] as JsonObject;
        var context = new ContentFieldEditorContext
        {
            Path = path, Definition = field, Label = ContentSchema.DisplayNameOf(field),
            Hint = Text(common, "Hint") ?? Text(own, "Hint"), Required = Flag(common, "Required") || Flag(own, "Required"), Numbers = numbers,
        };
        if (!editors.TryGetValue(field.FieldName, out var editor))
        {
            return ContentFieldEditor.From(context) with { Hint = NoEditorHint(field) };
        }
        var model = editor.CreateModel(context);
        var described = model as ContentFieldEditor ?? ContentFieldEditor.From(context) with { Widget = ContentWidget.Custom };
        // An editor that cannot edit this field (an enumeration without options) leaves it to JSON.
        return described.Widget == ContentWidget.Json
            ? ContentFieldEditor.From(context) with { Hint = NoEditorHint(field) }
            : described with { Editor = editor, Context = context, Model = model };
    }

    private static string NoEditorHint(ContentPartFieldDefinition field) =>
        $"{field.FieldName} has no editor here: its value as JSON, kept as it is unless you change it.";

    /// <summary>Stable order by the settings' Position (a number or, as Orchard Core writes it, a numeric string); none keeps its place.</summary>
    private static IEnumerable<T> InPositionOrder<T>(IReadOnlyList<T> items, Func<T, JsonObject> settings, string settingsName) =>
        items.Select((item, index) => (item, position: Number(settings(item)[settingsName] as JsonObject, "Position") ?? index))
            .OrderBy(p => p.position).Select(p => p.item);

    private static bool TitleRequired(ContentTypePartDefinition part) =>
        part.Settings["TitlePartSettings"] is JsonObject settings && settings["Options"] is JsonValue options
        && options.ToJsonString() is "\"EditableRequired\"" or "1";

    internal static List<ContentOption> Options(JsonObject? settings) =>
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

    internal static bool Flag(JsonObject? settings, string name) =>
        settings?[name] is JsonValue v && (v.GetValueKind() == JsonValueKind.True || (v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "true"));

    internal static decimal? Number(JsonObject? settings, string name) => settings?[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && decimal.TryParse(v.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    internal static List<string> Strings(JsonObject? settings, string name) =>
        settings?[name] is JsonArray array ? array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList() : [];

    internal static decimal Pow10(int power) => Enumerable.Repeat(10m, power).Aggregate(1m, (a, b) => a * b);
}
