using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content.Fields;
using ErpCrm.Text;

namespace ErpCrm.Core.Content;

/// <summary>
/// Brings Orchard Core's two settings styles to one. Older recipes put the common settings directly in
/// <c>Settings</c> as strings (<c>"Creatable": "True"</c>, <c>"Position": "2"</c>); newer ones nest them in an
/// object per settings class (<c>"ContentTypeSettings": {"Creatable": true}</c>). Both read to the nested style, each
/// setting with the JSON type Orchard Core's settings class declares for it — booleans for <c>Creatable</c>,
/// <c>Attachable</c>…, but text for <c>Position</c> and <c>DefaultPosition</c> (Orchard Core declares them as strings
/// holding a number, and refuses a JSON number there) — so that the same type imported either way reads back equal
/// and an exported definition imports into Orchard Core again.
/// Only the known keys of the common settings objects move or change type; every other setting is kept as it is,
/// and a value that does not convert (e.g. <c>"Creatable": "maybe"</c>) is kept unchanged rather than guessed at.
/// Null values of the known keys mean "not set" and are dropped. When a key is set both ways, the nested one wins.
/// </summary>
public static class ContentSettingsNormalizer
{
    private enum Kind
    {
        Boolean,

        /// <summary>A whole number that Orchard Core declares as a string (<c>"Position": "2"</c>): stored as that text.</summary>
        IntegerText,

        Text,
    }

    private sealed record Shape(string Name, IReadOnlyDictionary<string, Kind> Keys);

    private static readonly Shape TypeShape = new(ContentSettingNames.ContentTypeSettings, new Dictionary<string, Kind>
    {
        ["Creatable"] = Kind.Boolean, ["Listable"] = Kind.Boolean, ["Draftable"] = Kind.Boolean,
        ["Versionable"] = Kind.Boolean, ["Securable"] = Kind.Boolean, ["Stereotype"] = Kind.Text,
    });

    private static readonly Shape TypePartShape = new(ContentSettingNames.ContentTypePartSettings, new Dictionary<string, Kind>
    {
        ["Position"] = Kind.IntegerText, ["DisplayName"] = Kind.Text, ["Description"] = Kind.Text,
    });

    private static readonly Shape PartShape = new(ContentSettingNames.ContentPartSettings, new Dictionary<string, Kind>
    {
        ["Attachable"] = Kind.Boolean, ["Reusable"] = Kind.Boolean, ["DisplayName"] = Kind.Text, ["Description"] = Kind.Text, ["DefaultPosition"] = Kind.IntegerText,
    });

    private static readonly Shape FieldShape = new(ContentSettingNames.ContentPartFieldSettings, new Dictionary<string, Kind>
    {
        ["DisplayName"] = Kind.Text, ["Position"] = Kind.IntegerText, ["Hint"] = Kind.Text, ["Required"] = Kind.Boolean,
    });

    /// <summary>A content type's settings in the nested style. The input is not changed.</summary>
    public static JsonObject TypeSettings(JsonObject? settings) => Normalize(settings, TypeShape);

    /// <summary>The settings of a part attached to a type, in the nested style. The input is not changed.</summary>
    public static JsonObject TypePartSettings(JsonObject? settings) => Normalize(settings, TypePartShape);

    /// <summary>A content part's own settings in the nested style. The input is not changed.</summary>
    public static JsonObject PartSettings(JsonObject? settings) => Normalize(settings, PartShape);

    /// <summary>A field's settings in the nested style. The input is not changed.</summary>
    public static JsonObject FieldSettings(JsonObject? settings) => Normalize(settings, FieldShape);

    /// <summary>
    /// Reports each common setting of a type's (normalised) settings that is of the wrong kind — <c>"Creatable": {}</c>,
    /// <c>"Position": "abc"</c> — or a text with control characters, under <c>{path}.ContentTypeSettings.{key}</c>. The
    /// normaliser keeps such values as they came (it never guesses); saving refuses them.
    /// </summary>
    public static void CheckTypeSettings(JsonObject settings, string path, IDictionary<string, string> errors) => Check(settings, TypeShape, path, errors);

    /// <summary>Like <see cref="CheckTypeSettings"/>, for the settings of a part attached to a type.</summary>
    public static void CheckTypePartSettings(JsonObject settings, string path, IDictionary<string, string> errors) => Check(settings, TypePartShape, path, errors);

    /// <summary>Like <see cref="CheckTypeSettings"/>, for a content part's own settings.</summary>
    public static void CheckPartSettings(JsonObject settings, string path, IDictionary<string, string> errors) => Check(settings, PartShape, path, errors);

    /// <summary>Like <see cref="CheckTypeSettings"/>, for a field's settings (also its <c>ContentIndexSettings.Queryable</c>).</summary>
    public static void CheckFieldSettings(JsonObject settings, string path, IDictionary<string, string> errors)
    {
        Check(settings, FieldShape, path, errors);
        new SettingsReader(settings, ContentDefinitionEditing.ContentIndexSettings, path, errors).Boolean("Queryable");
    }

    private static void Check(JsonObject settings, Shape shape, string path, IDictionary<string, string> errors)
    {
        var reader = new SettingsReader(settings, shape.Name, path, errors);
        foreach (var (key, kind) in shape.Keys)
        {
            switch (kind)
            {
                case Kind.Boolean:
                    reader.Boolean(key);
                    break;
                case Kind.IntegerText:
                    reader.Integer(key);
                    break;
                // Descriptions and hints may span lines; names (DisplayName, Stereotype) may not.
                case Kind.Text when reader.Text(key) is { } text && ControlCharacters.Error(text, key, allowLineBreaks: key is "Description" or "Hint") is { } control:
                    reader.Error(key, control);
                    break;
            }
        }
    }

    private static JsonObject Normalize(JsonObject? settings, Shape shape)
    {
        var result = new JsonObject();
        var common = new JsonObject();
        JsonNode? nested = null;
        foreach (var (key, value) in settings ?? [])
        {
            if (key == shape.Name)
            {
                nested = value;
            }
            else if (shape.Keys.TryGetValue(key, out var kind))
            {
                Set(common, key, value, kind);
            }
            else
            {
                result[key] = value?.DeepClone();
            }
        }
        if (nested is JsonObject nestedObject)
        {
            foreach (var (key, value) in nestedObject)
            {
                if (shape.Keys.TryGetValue(key, out var kind))
                {
                    Set(common, key, value, kind);
                }
                else
                {
                    common[key] = value?.DeepClone();
                }
            }
        }
        else if (nested is not null && common.Count == 0)
        {
            // Not an object: not ours to interpret, so kept as it came.
            result[shape.Name] = nested.DeepClone();
        }
        if (common.Count > 0)
        {
            result[shape.Name] = common;
        }
        return result;
    }

    private static void Set(JsonObject target, string key, JsonNode? value, Kind kind)
    {
        if (value is null)
        {
            target.Remove(key);
            return;
        }
        target[key] = Convert(value, kind) ?? value.DeepClone();
    }

    private static JsonNode? Convert(JsonNode value, Kind kind)
    {
        if (value is not JsonValue scalar)
        {
            return null;
        }
        var text = scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>().Trim() : null;
        return kind switch
        {
            Kind.Boolean when scalar.GetValueKind() is JsonValueKind.True or JsonValueKind.False => JsonValue.Create(scalar.GetValue<bool>()),
            Kind.Boolean when bool.TryParse(text, out var flag) => JsonValue.Create(flag),
            Kind.IntegerText when scalar.GetValueKind() == JsonValueKind.Number && scalar.TryGetValue<int>(out var number) => IntegerText(number),
            Kind.IntegerText when TryInteger(text, out var parsed) => IntegerText(parsed),
            Kind.Text when text is not null => JsonValue.Create(scalar.GetValue<string>()),
            _ => null,
        };
    }

    private static JsonValue IntegerText(int number) => JsonValue.Create(number.ToString(CultureInfo.InvariantCulture));

    private static bool TryInteger(string? text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
