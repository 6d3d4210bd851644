using System.Globalization;
using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// What every kernel field type shares: settings live in <c>{Name}Settings</c> (nested style) besides the common
/// <see cref="ContentSettingNames.ContentPartFieldSettings"/>; Required may be set in either (Orchard Core puts it in
/// the type's own object); errors are one sentence that starts with the field's display name.
/// </summary>
internal abstract class ContentFieldTypeBase : IContentFieldType
{
    /// <summary>The longest text the field index keeps.</summary>
    public const int MaxIndexTextLength = 400;

    public abstract string Name { get; }

    public abstract string DisplayName { get; }

    public virtual ContentFieldIndexKind IndexKind => ContentFieldIndexKind.Text;

    /// <summary>The name of the type's own settings object.</summary>
    public string SettingsName => Name + "Settings";

    public void ValidateSettings(ContentPartFieldDefinition field, string path, IDictionary<string, string> errors)
    {
        var common = new SettingsReader(field.Settings, ContentSettingNames.ContentPartFieldSettings, path, errors);
        common.Boolean("Required");
        common.Text("DisplayName");
        common.Text("Hint");
        common.Text("Editor");
        var own = new SettingsReader(field.Settings, SettingsName, path, errors);
        own.Boolean("Required");
        own.Text("Hint");
        CheckSettings(own);
    }

    public ValueTask ValidateAsync(ContentFieldContext context) =>
        ValidateAsync(new FieldInput(context, new SettingsReader(context.Field.Settings, SettingsName)));

    public abstract ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field);

    public abstract string? Display(JsonObject? value, ContentPartFieldDefinition field);

    /// <summary>Checks the type's own settings beyond Required and Hint; report through <paramref name="settings"/>.</summary>
    protected virtual void CheckSettings(SettingsReader settings)
    {
    }

    /// <summary>Checks and normalises a value; the default runs <see cref="Validate"/>.</summary>
    protected virtual ValueTask ValidateAsync(FieldInput input)
    {
        Validate(input);
        return ValueTask.CompletedTask;
    }

    /// <summary>Checks and normalises a value, for types that need no lookups.</summary>
    protected virtual void Validate(FieldInput input)
    {
    }

    /// <summary>The type's settings for reading while saving or showing a value (wrong ones read as not set).</summary>
    protected SettingsReader Settings(ContentPartFieldDefinition field) => new(field.Settings, SettingsName);

    /// <summary>Text for the index: trimmed, at most <see cref="MaxIndexTextLength"/> characters; null when empty.</summary>
    protected static ContentFieldIndexValue? IndexText(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null
            : new ContentFieldIndexValue(Text: trimmed.Length > MaxIndexTextLength ? trimmed[..MaxIndexTextLength] : trimmed);
    }

    /// <summary>A string property of a stored value, or null.</summary>
    protected static string? StringOf(JsonObject? value, string property) =>
        JsonScalars.TryGetString(value?[property], out var text) && text.Length > 0 ? text : null;
}

/// <summary>A field value being checked, with the field's settings and the wording of its errors.</summary>
internal sealed class FieldInput(ContentFieldContext context, SettingsReader settings)
{
    public ContentFieldContext Context { get; } = context;

    public SettingsReader Settings { get; } = settings;

    /// <summary>The field's JSON object in the item.</summary>
    public JsonObject Value => Context.Value;

    /// <summary>Whether the item carried the field (defaults apply only when it did not).</summary>
    public bool Present => Context.Present;

    /// <summary>The name errors use: the field's display name, else its name.</summary>
    public string Label { get; } = LabelOf(context.Field);

    /// <summary>Whether the field needs a value: Required in the common settings or in the type's own.</summary>
    public bool Required { get; } = settings.Boolean("Required")
        || new SettingsReader(context.Field.Settings, ContentSettingNames.ContentPartFieldSettings).Boolean("Required");

    public CancellationToken CancellationToken => Context.CancellationToken;

    /// <summary>Adds "{Label} {what}." for the field or one of its properties.</summary>
    public void Error(string what, string? property = null) => Context.AddError($"{Label} {what}.", property);

    /// <summary>Reports "is required" when the value is empty and required; true when there is a value to check further.</summary>
    public bool HasValue(bool empty)
    {
        if (empty && Required)
        {
            Error("is required");
        }
        return !empty;
    }

    /// <summary>Reports a number below the Minimum or above the Maximum setting ("must be at least 0 EUR"); true when within.</summary>
    public bool WithinRange(decimal number, string? unit = null, string? property = null)
    {
        var suffix = unit is null ? "" : " " + unit;
        if (Settings.Number("Minimum") is { } minimum && number < minimum)
        {
            Error($"must be at least {minimum.ToString(CultureInfo.InvariantCulture)}{suffix}", property);
            return false;
        }
        if (Settings.Number("Maximum") is { } maximum && number > maximum)
        {
            Error($"must be at most {maximum.ToString(CultureInfo.InvariantCulture)}{suffix}", property);
            return false;
        }
        return true;
    }

    /// <summary>
    /// A text property: null when missing or null; false (and an error, keyed by the field or by
    /// <paramref name="errorProperty"/>) when it holds something other than text.
    /// </summary>
    public bool TryGetText(string property, out string? text, string? errorProperty = null)
    {
        var node = Value[property];
        text = null;
        if (JsonScalars.IsNull(node))
        {
            return true;
        }
        if (JsonScalars.TryGetString(node, out var value))
        {
            text = value;
            return true;
        }
        Error("must be text", errorProperty);
        return false;
    }

    /// <summary>The name people read for a field.</summary>
    public static string LabelOf(ContentPartFieldDefinition field)
    {
        var displayName = new SettingsReader(field.Settings, ContentSettingNames.ContentPartFieldSettings).Text("DisplayName")?.Trim();
        return string.IsNullOrEmpty(displayName) ? field.Name : displayName;
    }
}
