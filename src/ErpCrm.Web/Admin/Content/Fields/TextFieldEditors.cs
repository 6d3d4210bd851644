using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Web.Admin.ContentTypes;

namespace ErpCrm.Web.Admin.Content.Fields;

/// <summary><c>TextField</c>: one line, or a text area when Multiline (or the field's editor is TextArea); a settings form.</summary>
public sealed class TextFieldEditor() : WidgetFieldEditor("TextField")
{
    public override string? SettingsView => "/Pages/Admin/ContentParts/_TextFieldSettings.cshtml";

    protected override ContentFieldEditor Describe(ContentFieldEditor field, JsonObject settings) => field with
    {
        Widget = ContentEditor.Flag(settings, "Multiline")
            || ContentEditor.Text(field.Context.Definition.Settings[ContentSettingNames.ContentPartFieldSettings] as JsonObject, "Editor") == "TextArea"
            ? ContentWidget.TextArea : ContentWidget.Text,
        Property = "Text", MaxLength = (int?)ContentEditor.Number(settings, "MaxLength"),
    };

    protected internal override void ApplySettings(FieldTypeSettingsForm form, JsonObject settings, IDictionary<string, string> errors)
    {
        FieldTypeSettingsForm.Set(settings, "MaxLength", FieldTypeSettingsForm.WholeNumber(form.MaxLength, nameof(form.MaxLength), 1, int.MaxValue, errors));
        FieldTypeSettingsForm.Set(settings, "Pattern", FieldTypeSettingsForm.Regular(form.Pattern, errors));
        FieldTypeSettingsForm.Set(settings, "Multiline", form.Multiline ? JsonValue.Create(true) : null);
    }
}

/// <summary>A field edited in a text area of its own property (<c>HtmlField {"Html"}</c>, <c>MarkdownField {"Markdown"}</c>).</summary>
public sealed class TextAreaFieldEditor(string fieldType, string property) : WidgetFieldEditor(fieldType)
{
    protected override ContentFieldEditor Describe(ContentFieldEditor field, JsonObject settings) =>
        field with { Widget = ContentWidget.TextArea, Property = property, Rows = 8 };
}

/// <summary>A field edited in one input of a kind (<c>EmailField {"Email"}</c> as email, <c>PhoneField {"Phone"}</c> as tel).</summary>
public sealed class InputFieldEditor(string fieldType, ContentWidget widget, string property) : WidgetFieldEditor(fieldType)
{
    protected override ContentFieldEditor Describe(ContentFieldEditor field, JsonObject settings) =>
        field with { Widget = widget, Property = property };
}

/// <summary><c>LinkField {"Url", "Text"}</c>: two inputs.</summary>
public sealed class LinkFieldEditor() : WidgetFieldEditor("LinkField")
{
    protected override ContentFieldEditor Describe(ContentFieldEditor field, JsonObject settings) => field with { Widget = ContentWidget.Link };

    public override void Read(ContentFieldEditorContext field, JsonObject? value, IDictionary<string, string[]> inputs)
    {
        inputs[field.Path + ".Url"] = [Scalar(value?["Url"])];
        inputs[field.Path + ".Text"] = [Scalar(value?["Text"])];
    }

    public override void Write(ContentFieldEditorContext field, IReadOnlyDictionary<string, string[]> form, JsonObject value, IDictionary<string, string> errors)
    {
        value["Url"] = NullIfEmpty(First(form, field.Path + ".Url"));
        value["Text"] = NullIfEmpty(First(form, field.Path + ".Text"));
    }
}
