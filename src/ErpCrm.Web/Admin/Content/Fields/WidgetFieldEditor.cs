using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Web.Admin.ContentTypes;

namespace ErpCrm.Web.Admin.Content.Fields;

/// <summary>
/// A kernel field type's editor: one of the host's widgets (<see cref="ContentWidget"/>), described by the
/// <see cref="ContentFieldEditor"/> its <see cref="CreateModel"/> makes from the field's settings, written in Orchard Core's
/// shapes (<c>TextField {"Text"}</c>, <c>NumericField {"Value"}</c>, <c>MoneyField {"Amount","Currency"}</c>…); a list filter
/// of the host's kinds; and, for the types with one, a settings form over <see cref="FieldTypeSettingsForm"/>. A value that
/// does not read (a number that is not one) is passed on as typed, so that the field type names the problem.
/// </summary>
public abstract class WidgetFieldEditor(string fieldType) : IContentFieldEditor
{
    public const string WidgetView = "/Pages/Admin/Content/_ContentWidget.cshtml";
    public const string WidgetFilterView = "/Pages/Admin/Content/_ContentFilter.cshtml";

    public string FieldType { get; } = fieldType;

    public string EditorView => WidgetView;

    public string? FilterView => WidgetFilterView;

    /// <summary>The partial of the type's settings form, or null to edit them as JSON.</summary>
    public virtual string? SettingsView => null;

    public object? CreateModel(ContentFieldEditorContext field) => Describe(ContentFieldEditor.From(field), field.Settings);

    /// <summary>The widget and its options for a field with these settings of the type's own.</summary>
    protected abstract ContentFieldEditor Describe(ContentFieldEditor field, JsonObject settings);

    public virtual void Read(ContentFieldEditorContext field, JsonObject? value, IDictionary<string, string[]> inputs)
    {
        var widget = Widget(field);
        inputs[field.Path] = [Scalar(value?[widget.Property])];
    }

    public virtual void Write(ContentFieldEditorContext field, IReadOnlyDictionary<string, string[]> form, JsonObject value, IDictionary<string, string> errors) =>
        value[Widget(field).Property] = NullIfEmpty(First(form, field.Path));

    public string? Filter(ContentFieldEditorContext field, Func<string, string> query)
    {
        var widget = Widget(field);
        if (widget.FilterKind is not (ContentFilterKind.NumberRange or ContentFilterKind.DateRange))
        {
            return query(field.FilterName) is { Length: > 0 } value ? value : null;
        }
        var from = query(field.FromName);
        var to = query(field.ToName);
        // A date-time is indexed as ISO text: "T~" sorts after every time of the last day, so the day is included.
        if (to.Length > 0 && widget.Widget == ContentWidget.DateTime)
        {
            to += "T~";
        }
        return (from.Length > 0, to.Length > 0) switch
        {
            (true, true) => $"{from}..{to}",
            (true, false) => ">=" + from,
            (false, true) => "<=" + to,
            _ => null,
        };
    }

    public void ReadSettings(JsonObject settings, IDictionary<string, string[]> inputs)
    {
        foreach (var (name, values) in FieldTypeSettingsForm.FromSettings(settings).Inputs())
        {
            inputs[name] = values;
        }
    }

    public void WriteSettings(IReadOnlyDictionary<string, string[]> form, JsonObject settings, IDictionary<string, string> errors) =>
        ApplySettings(FieldTypeSettingsForm.FromInputs(form), settings, errors);

    /// <summary>Writes the form's settings into <paramref name="settings"/>; errors keyed by the form's property names.</summary>
    protected internal virtual void ApplySettings(FieldTypeSettingsForm form, JsonObject settings, IDictionary<string, string> errors)
    {
    }

    /// <summary>The widget that <see cref="CreateModel"/> describes for the field.</summary>
    protected ContentFieldEditor Widget(ContentFieldEditorContext field) => (ContentFieldEditor)CreateModel(field)!;

    /// <summary>The first value posted for an input, "" when none.</summary>
    public static string First(IReadOnlyDictionary<string, string[]> form, string name) =>
        form.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : "";

    protected static string[] All(IReadOnlyDictionary<string, string[]> form, string name) =>
        form.TryGetValue(name, out var values) ? values.Where(v => v.Trim().Length > 0).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToArray() : [];

    protected static JsonArray Array(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    protected static string? NullIfEmpty(string text) => text.Trim().Length == 0 ? null : text.Trim();

    protected static string[] Strings(JsonArray array) => array.Select(Scalar).Where(s => s.Length > 0).ToArray();

    /// <summary>A stored scalar as an input shows it.</summary>
    public static string Scalar(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValueKind() == JsonValueKind.True ? "true" : "false",
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => "",
        _ => node.ToJsonString(),
    };

    protected static string Invariant(decimal? number) => number?.ToString(CultureInfo.InvariantCulture) ?? "";
}
