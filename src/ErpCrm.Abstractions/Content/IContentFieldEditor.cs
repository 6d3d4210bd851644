using System.Text.Json.Nodes;

namespace ErpCrm.Content;

/// <summary>
/// The admin UI of a field type, found by its name (<see cref="FieldType"/>): the inputs of such a field on an item's form and
/// how they bind into the field's JSON, its filter on the admin list of items, and the form of its settings. The kernel's field
/// types are served by editors registered the same way. A module registers one in its startup
/// (<c>services.AddSingleton&lt;IContentFieldEditor, RatingFieldEditor&gt;()</c>), used while its feature is on. A field whose
/// type has no editor is edited as JSON, and its settings too.
/// <para>
/// Views are Razor partials in the module's Razor class library, named by their path from the project's root
/// (<c>/Pages/Admin/Ratings/_RatingEditor.cshtml</c>). The host's Content-Security-Policy applies: no inline script or style.
/// </para>
/// </summary>
public interface IContentFieldEditor
{
    /// <summary>The field type this editor serves, as definitions spell it, e.g. <c>RatingField</c>.</summary>
    string FieldType { get; }

    /// <summary>
    /// The partial that renders the field's inputs on an item's form, its model a <see cref="ContentFieldEditorView"/>. Name the
    /// inputs <see cref="ContentFieldEditorContext.Path"/> (or <c>Path.Property</c> for several) and label them; the host
    /// shows the hint and the field's errors under the partial.
    /// </summary>
    string EditorView { get; }

    /// <summary>A typed model for the views (<see cref="ContentFieldEditorView.Model"/>), e.g. the bounds read from the settings.</summary>
    object? CreateModel(ContentFieldEditorContext field) => null;

    /// <summary>Fills the inputs (by name) from the field's stored value; <paramref name="value"/> is null for a new item.</summary>
    void Read(ContentFieldEditorContext field, JsonObject? value, IDictionary<string, string[]> inputs);

    /// <summary>
    /// Writes the posted inputs into the field's JSON object (created empty when the item had none). Change only the properties
    /// the inputs show. Pass a value that does not read on as typed (e.g. as text), so that the field type's validation names
    /// the problem under the field and the form shows what was typed; add an error (keyed by an input's name) only when the
    /// inputs cannot be written at all. Every error keeps the item from being saved.
    /// </summary>
    void Write(ContentFieldEditorContext field, IReadOnlyDictionary<string, string[]> form, JsonObject value, IDictionary<string, string> errors);

    /// <summary>
    /// The partial that renders the field's filter above the list of items (its model a <see cref="ContentFieldFilterView"/>), or
    /// null for none. Shown for fields marked Queryable. Name the inputs <see cref="ContentFieldEditorContext.FilterName"/>, or
    /// <see cref="ContentFieldEditorContext.FromName"/> and <see cref="ContentFieldEditorContext.ToName"/> for a range.
    /// </summary>
    string? FilterView => null;

    /// <summary>
    /// The list query's filter for the field from the URL's parameters (<paramref name="query"/> gives a parameter's trimmed value,
    /// "" when absent), in the syntax of the content API's <c>filter[Part.Field]</c>: <c>value</c>, <c>value*</c>, <c>a..b</c>,
    /// <c>&gt;=a</c>, <c>&lt;=b</c>; compared with what the field type indexes. Null when the user gave none.
    /// </summary>
    string? Filter(ContentFieldEditorContext field, Func<string, string> query) => null;

    /// <summary>
    /// The partial that renders the inputs of the field type's own settings (its <c>{FieldType}Settings</c> object) on the
    /// field's page, its model a <see cref="ContentFieldSettingsView"/>; null to edit them as JSON.
    /// </summary>
    string? SettingsView => null;

    /// <summary>Fills the settings inputs (by name, without the host's prefix) from the stored settings object.</summary>
    void ReadSettings(JsonObject settings, IDictionary<string, string[]> inputs)
    {
    }

    /// <summary>
    /// Writes the posted settings inputs (by name, without the host's prefix) into <paramref name="settings"/>, a copy of the
    /// stored object (so keep what the form does not show). Add an error per wrong input, keyed by the input's name; nothing
    /// is saved while there is one, and the form shows what was typed.
    /// </summary>
    void WriteSettings(IReadOnlyDictionary<string, string[]> form, JsonObject settings, IDictionary<string, string> errors)
    {
    }
}
