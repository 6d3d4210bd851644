using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Content;

namespace ErpCrm.Core.Content;

/// <summary>
/// The changes the admin's content type editor makes to a definition, as pure functions over the immutable records:
/// each returns a new definition and leaves its input (and the input's JSON) untouched.
/// Invariants kept by every function that changes an order: the list order is the order, and each part attached to a
/// type and each field of a part carries it as its <c>Position</c> ("0", "1", "2"…: text, as Orchard Core declares and its editor writes it).
/// Names are checked by <see cref="Check(ContentTypeDefinition)"/>, the same reading the API and recipes use.
/// </summary>
public static partial class ContentDefinitionEditing
{
    /// <summary>The settings object where a field says whether the field index holds it.</summary>
    public const string ContentIndexSettings = "ContentIndexSettings";

    /// <summary>The boolean settings of a type that the editor shows as checkboxes, in the order shown.</summary>
    public static readonly IReadOnlyList<string> TypeFlags = ["Creatable", "Listable", "Draftable", "Versionable", "Securable"];

    /// <summary>A setting of one settings object, e.g. <c>ContentTypeSettings.Creatable</c>; default when missing or of another kind.</summary>
    public static T? Setting<T>(JsonObject settings, string group, string key) =>
        settings[group] is JsonObject values && values[key] is JsonValue value && value.TryGetValue<T>(out var result) ? result : default;

    /// <summary>A yes/no setting of one settings object; null when missing or not a boolean.</summary>
    public static bool? Flag(JsonObject settings, string group, string key) =>
        settings[group] is JsonObject values && values[key] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    /// <summary>
    /// A copy of <paramref name="settings"/> with one setting set, or removed when <paramref name="value"/> is null;
    /// the group is removed when nothing is left in it.
    /// </summary>
    public static JsonObject WithSetting(JsonObject settings, string group, string key, JsonNode? value)
    {
        var copy = settings.DeepClone().AsObject();
        var values = copy[group] as JsonObject ?? new JsonObject();
        if (value is null)
        {
            values.Remove(key);
        }
        else
        {
            values[key] = value.DeepClone();
        }
        copy.Remove(group); // detaches values, so that it can go back in
        if (values.Count > 0)
        {
            copy[group] = values;
        }
        return copy;
    }

    /// <summary>The type with a new display name, its checkbox settings and stereotype (blank: none); its other settings are kept.</summary>
    public static ContentTypeDefinition WithTypeSettings(ContentTypeDefinition type, string displayName, IReadOnlySet<string> flagsOn, string stereotype)
    {
        var settings = type.Settings;
        foreach (var flag in TypeFlags)
        {
            settings = WithSetting(settings, ContentSettingNames.ContentTypeSettings, flag, JsonValue.Create(flagsOn.Contains(flag)));
        }
        settings = WithSetting(settings, ContentSettingNames.ContentTypeSettings, "Stereotype", Text(stereotype));
        return type with { DisplayName = string.IsNullOrWhiteSpace(displayName) ? type.Name : displayName.Trim(), Settings = settings };
    }

    /// <summary>The part with its common settings changed (blank texts are removed); its other settings are kept.</summary>
    public static ContentPartDefinition WithPartSettings(ContentPartDefinition part, string displayName, string description, bool attachable, bool reusable)
    {
        var group = ContentSettingNames.ContentPartSettings;
        var settings = WithSetting(part.Settings, group, "DisplayName", Text(displayName));
        settings = WithSetting(settings, group, "Description", Text(description));
        settings = WithSetting(settings, group, "Attachable", JsonValue.Create(attachable));
        settings = WithSetting(settings, group, "Reusable", JsonValue.Create(reusable));
        return part with { Settings = settings };
    }

    /// <summary>Whether the attachment is the type's own part: the part named after the type, which holds the fields added to the type.</summary>
    public static bool IsOwnPart(ContentTypeDefinition type, ContentTypePartDefinition part) =>
        string.Equals(part.PartName, type.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The type with <paramref name="partName"/> attached last under <paramref name="name"/> (the part's name when null).</summary>
    public static ContentTypeDefinition Attach(ContentTypeDefinition type, string partName, string? name = null) =>
        WithParts(type, [.. type.Parts, new ContentTypePartDefinition(name ?? partName, partName, new JsonObject())]);

    /// <summary>The type without the attachment named <paramref name="name"/>.</summary>
    public static ContentTypeDefinition Detach(ContentTypeDefinition type, string name) =>
        WithParts(type, [.. type.Parts.Where(p => !SameName(p.Name, name))]);

    /// <summary>The type with its parts in the order <paramref name="names"/> gives; parts it does not name follow in their order.</summary>
    public static ContentTypeDefinition OrderParts(ContentTypeDefinition type, IReadOnlyList<string> names) =>
        WithParts(type, Reorder(type.Parts, p => p.Name, names));

    /// <summary>The type with one part moved by <paramref name="by"/> places (negative: up), kept within the list.</summary>
    public static ContentTypeDefinition MovePart(ContentTypeDefinition type, string name, int by) =>
        WithParts(type, Move(type.Parts, p => p.Name, name, by));

    /// <summary>The part with a new field last; its display name is kept in the field's settings.</summary>
    public static ContentPartDefinition AddField(ContentPartDefinition part, string name, string fieldType, string displayName)
    {
        var settings = WithSetting(new JsonObject(), ContentSettingNames.ContentPartFieldSettings, "DisplayName", Text(displayName) ?? JsonValue.Create(name));
        return WithFields(part, [.. part.Fields, new ContentPartFieldDefinition(name, fieldType, settings)]);
    }

    /// <summary>The part without the field named <paramref name="name"/>.</summary>
    public static ContentPartDefinition RemoveField(ContentPartDefinition part, string name) =>
        WithFields(part, [.. part.Fields.Where(f => !SameName(f.Name, name))]);

    /// <summary>The part with its fields in the order <paramref name="names"/> gives; fields it does not name follow in their order.</summary>
    public static ContentPartDefinition OrderFields(ContentPartDefinition part, IReadOnlyList<string> names) =>
        WithFields(part, Reorder(part.Fields, f => f.Name, names));

    /// <summary>The part with one field moved by <paramref name="by"/> places (negative: up), kept within the list.</summary>
    public static ContentPartDefinition MoveField(ContentPartDefinition part, string name, int by) =>
        WithFields(part, Move(part.Fields, f => f.Name, name, by));

    /// <summary>The part with the field of the same name replaced by <paramref name="field"/>, moved to <paramref name="position"/> (clamped).</summary>
    public static ContentPartDefinition ReplaceField(ContentPartDefinition part, ContentPartFieldDefinition field, int position)
    {
        var index = part.Fields.ToList().FindIndex(f => SameName(f.Name, field.Name));
        if (index < 0)
        {
            return part;
        }
        var fields = part.Fields.Where((_, i) => i != index).ToList();
        fields.Insert(Math.Clamp(position, 0, fields.Count), field);
        return WithFields(part, fields);
    }

    /// <summary>
    /// The field with its common settings set: display name, hint (blank: none), required, and whether the field index holds it
    /// (<c>ContentIndexSettings.Queryable</c>). Other settings are kept.
    /// </summary>
    public static ContentPartFieldDefinition WithCommonSettings(ContentPartFieldDefinition field, string displayName, string hint, bool required, bool queryable)
    {
        var group = ContentSettingNames.ContentPartFieldSettings;
        var settings = WithSetting(field.Settings, group, "DisplayName", Text(displayName) ?? JsonValue.Create(field.Name));
        settings = WithSetting(settings, group, "Hint", Text(hint));
        settings = WithSetting(settings, group, "Required", required ? JsonValue.Create(true) : null);
        settings = WithSetting(settings, ContentIndexSettings, "Queryable", queryable ? JsonValue.Create(true) : null);
        return field with { Settings = settings };
    }

    /// <summary>The field with its type's own settings object (<c>{FieldName}Settings</c>) replaced; null or empty removes it.</summary>
    public static ContentPartFieldDefinition WithTypeSettings(ContentPartFieldDefinition field, JsonObject? settings)
    {
        var copy = field.Settings.DeepClone().AsObject();
        copy.Remove(TypeSettingsName(field.FieldName));
        if (settings is { Count: > 0 })
        {
            copy[TypeSettingsName(field.FieldName)] = settings.DeepClone();
        }
        return field with { Settings = copy };
    }

    /// <summary>The name of a field type's own settings object, as Orchard Core names it: <c>TextField</c> → <c>TextFieldSettings</c>.</summary>
    public static string TypeSettingsName(string fieldType) => fieldType + "Settings";

    /// <summary>The display name of a field: its setting, else its technical name.</summary>
    public static string DisplayName(ContentPartFieldDefinition field) =>
        Setting<string>(field.Settings, ContentSettingNames.ContentPartFieldSettings, "DisplayName") is { Length: > 0 } name ? name : field.Name;

    /// <summary>The display name of a part: its setting, else its technical name.</summary>
    public static string DisplayName(ContentPartDefinition part) =>
        Setting<string>(part.Settings, ContentSettingNames.ContentPartSettings, "DisplayName") is { Length: > 0 } name ? name : part.Name;

    /// <summary>What is wrong with the type, keyed by JSON path (e.g. <c>ContentTypePartDefinitionRecords[2].Name</c>); empty when nothing.</summary>
    public static IReadOnlyDictionary<string, string> Check(ContentTypeDefinition type)
    {
        var errors = new Dictionary<string, string>();
        ContentDefinitionJson.ReadType(ContentDefinitionJson.Write(type), "", errors);
        return errors;
    }

    /// <summary>What is wrong with the part, keyed by JSON path (e.g. <c>ContentPartFieldDefinitionRecords[0].Name</c>); empty when nothing.</summary>
    public static IReadOnlyDictionary<string, string> Check(ContentPartDefinition part)
    {
        var errors = new Dictionary<string, string>();
        ContentDefinitionJson.ReadPart(ContentDefinitionJson.Write(part), "", errors);
        return errors;
    }

    /// <summary>A suggested technical name for a display name: its letters and digits, words joined in PascalCase, starting with a letter.</summary>
    public static string SuggestName(string displayName)
    {
        var words = NotLetterOrDigit().Split(displayName ?? "");
        var name = string.Concat(words.Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        name = name.TrimStart("0123456789".ToCharArray());
        name = name.Length > 0 ? char.ToUpperInvariant(name[0]) + name[1..] : name;
        return name.Length > ContentDefinitionJson.MaxNameLength ? name[..ContentDefinitionJson.MaxNameLength] : name;
    }

    private static ContentTypeDefinition WithParts(ContentTypeDefinition type, IReadOnlyList<ContentTypePartDefinition> parts) =>
        type with
        {
            Parts = parts.Select((p, i) => p with { Settings = WithSetting(p.Settings, ContentSettingNames.ContentTypePartSettings, "Position", JsonValue.Create(i.ToString(CultureInfo.InvariantCulture))) }).ToList(),
        };

    private static ContentPartDefinition WithFields(ContentPartDefinition part, IReadOnlyList<ContentPartFieldDefinition> fields) =>
        part with
        {
            Fields = fields.Select((f, i) => f with { Settings = WithSetting(f.Settings, ContentSettingNames.ContentPartFieldSettings, "Position", JsonValue.Create(i.ToString(CultureInfo.InvariantCulture))) }).ToList(),
        };

    private static List<T> Reorder<T>(IReadOnlyList<T> items, Func<T, string> name, IReadOnlyList<string> names)
    {
        var named = names.Select(n => items.FirstOrDefault(i => SameName(name(i), n))).OfType<T>().Distinct().ToList();
        return [.. named, .. items.Where(i => !named.Contains(i))];
    }

    private static List<T> Move<T>(IReadOnlyList<T> items, Func<T, string> name, string moved, int by)
    {
        var list = items.ToList();
        var from = list.FindIndex(i => SameName(name(i), moved));
        if (from < 0)
        {
            return list;
        }
        var item = list[from];
        list.RemoveAt(from);
        list.Insert(Math.Clamp(from + by, 0, list.Count), item);
        return list;
    }

    private static JsonValue? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : JsonValue.Create(text.Trim());

    private static bool SameName(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("[^A-Za-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotLetterOrDigit();
}
