using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Web.Admin.ContentTypes;

namespace ErpCrm.Web.Admin.Content.Fields;

/// <summary><c>BooleanField {"Value": true}</c>: a checkbox (its hidden twin posts false); a yes/no filter.</summary>
public sealed class BooleanFieldEditor() : WidgetFieldEditor("BooleanField")
{
    protected override ContentFieldEditor Describe(ContentFieldEditor field, JsonObject settings) =>
        field with { Widget = ContentWidget.Boolean, FilterKind = ContentFilterKind.YesNo, Hint = field.Hint ?? ContentEditor.Text(settings, "Label") };

    public override void Write(ContentFieldEditorContext field, IReadOnlyDictionary<string, string[]> form, JsonObject value, IDictionary<string, string> errors) =>
        value["Value"] = form.TryGetValue(field.Path, out var flags) && flags.Length > 0 && flags[^1] == "true";
}

/// <summary>
/// <c>EnumerationField {"Value"}</c> or, with Multiple, <c>{"Values": […]}</c>: a select or checkboxes of its options (JSON while it
/// has none); a filter by option; a settings form.
/// </summary>
public sealed class EnumerationFieldEditor() : WidgetFieldEditor("EnumerationField")
{
    public override string? SettingsView => "/Pages/Admin/ContentParts/_EnumerationFieldSettings.cshtml";

    protected override ContentFieldEditor Describe(ContentFieldEditor field, JsonObject settings) =>
        ContentEditor.Options(settings) is { Count: > 0 } options
            ? field with { Widget = ContentWidget.Enumeration, FilterKind = ContentFilterKind.Choice, Options = options, Multiple = ContentEditor.Flag(settings, "Multiple") }
            : field;

    public override void Read(ContentFieldEditorContext field, JsonObject? value, IDictionary<string, string[]> inputs) =>
        inputs[field.Path] = value?["Values"] is JsonArray several ? Strings(several) : [Scalar(value?["Value"])];

    public override void Write(ContentFieldEditorContext field, IReadOnlyDictionary<string, string[]> form, JsonObject value, IDictionary<string, string> errors)
    {
        if (Widget(field).Multiple)
        {
            value.Remove("Value");
            value["Values"] = Array(All(form, field.Path));
        }
        else
        {
            value.Remove("Values");
            value["Value"] = NullIfEmpty(First(form, field.Path));
        }
    }

    protected internal override void ApplySettings(FieldTypeSettingsForm form, JsonObject settings, IDictionary<string, string> errors)
    {
        var options = form.Options.Split('\n').Select(o => o.Trim()).Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        FieldTypeSettingsForm.Set(settings, "Options", options.Count > 0 ? new JsonArray([.. options.Select(o => (JsonNode)JsonValue.Create(o))]) : null);
        FieldTypeSettingsForm.Set(settings, "Multiple", form.Multiple ? JsonValue.Create(true) : null);
    }
}

/// <summary>A picker of ids (<c>{"ContentItemIds": […]}</c>, <c>{"UserIds": […]}</c>): a select, of several with Multiple.</summary>
public abstract class IdPickerFieldEditor(string fieldType) : WidgetFieldEditor(fieldType)
{
    public override void Read(ContentFieldEditorContext field, JsonObject? value, IDictionary<string, string[]> inputs) =>
        inputs[field.Path] = value?[Widget(field).Property] is JsonArray ids ? Strings(ids) : [];

    public override void Write(ContentFieldEditorContext field, IReadOnlyDictionary<string, string[]> form, JsonObject value, IDictionary<string, string> errors) =>
        value[Widget(field).Property] = Array(All(form, field.Path));
}

/// <summary><c>ContentPickerField</c>: items of the types its settings name (searched with htmx); a settings form.</summary>
public sealed class ContentPickerFieldEditor() : IdPickerFieldEditor("ContentPickerField")
{
    public override string? SettingsView => "/Pages/Admin/ContentParts/_ContentPickerFieldSettings.cshtml";

    protected override ContentFieldEditor Describe(ContentFieldEditor field, JsonObject settings) => field with
    {
        Widget = ContentWidget.ContentPicker, Property = "ContentItemIds", Multiple = ContentEditor.Flag(settings, "Multiple"),
        PickedTypes = ContentEditor.Flag(settings, "DisplayAllContentTypes") ? [] : ContentEditor.Strings(settings, "DisplayedContentTypes"),
    };

    protected internal override void ApplySettings(FieldTypeSettingsForm form, JsonObject settings, IDictionary<string, string> errors)
    {
        var types = form.DisplayedContentTypes.Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        FieldTypeSettingsForm.Set(settings, "DisplayedContentTypes", types.Count > 0 ? new JsonArray([.. types.Select(t => (JsonNode)JsonValue.Create(t))]) : null);
        FieldTypeSettingsForm.Set(settings, "Multiple", form.Multiple ? JsonValue.Create(true) : null);
    }
}

/// <summary><c>UserPickerField</c>: the tenant's users.</summary>
public sealed class UserPickerFieldEditor() : IdPickerFieldEditor("UserPickerField")
{
    protected override ContentFieldEditor Describe(ContentFieldEditor field, JsonObject settings) =>
        field with { Widget = ContentWidget.UserPicker, Property = "UserIds", Multiple = ContentEditor.Flag(settings, "Multiple") };
}
