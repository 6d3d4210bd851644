using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Items;

/// <summary>A content type with the definitions of the parts it attaches, as validation and indexing need them.</summary>
public sealed record ContentSchema(ContentTypeDefinition Type, IReadOnlyDictionary<string, ContentPartDefinition> Parts)
{
    /// <summary>The fields of an attached part (none when its part has no definition).</summary>
    public IReadOnlyList<ContentPartFieldDefinition> FieldsOf(ContentTypePartDefinition part) =>
        Parts.TryGetValue(part.PartName, out var definition) ? definition.Fields : [];

    /// <summary>Every field of the type with the attachment it belongs to.</summary>
    public IEnumerable<(ContentTypePartDefinition Part, ContentPartFieldDefinition Field)> Fields =>
        Type.Parts.SelectMany(p => FieldsOf(p).Select(f => (p, f)));

    /// <summary>Whether the type's settings say so (ContentTypeSettings.{name}).</summary>
    public bool Setting(string name) =>
        Type.Settings[ContentSettingNames.ContentTypeSettings] is JsonObject settings && settings[name] is JsonValue value
        && value.TryGetValue<bool>(out var flag) && flag;

    public bool Draftable => Setting("Draftable");

    public bool Versionable => Setting("Versionable");

    public bool Securable => Setting("Securable");

    /// <summary>Whether a field is in the field index (<c>ContentIndexSettings.Queryable</c>).</summary>
    public static bool IsQueryable(ContentPartFieldDefinition field) =>
        field.Settings[QueryableSettings] is JsonObject settings && settings["Queryable"] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    /// <summary>The settings object that marks a field queryable.</summary>
    public const string QueryableSettings = "ContentIndexSettings";

    /// <summary>The field's display name (ContentPartFieldSettings.DisplayName, else its name).</summary>
    public static string DisplayNameOf(ContentPartFieldDefinition field) =>
        field.Settings[ContentSettingNames.ContentPartFieldSettings] is JsonObject settings && settings["DisplayName"] is JsonValue value
        && value.TryGetValue<string>(out var name) && !string.IsNullOrWhiteSpace(name) ? name : field.Name;

    /// <summary>Finds a field by <c>Field</c> or <c>Part.Field</c>, ignoring case; null with a reason when unknown or ambiguous.</summary>
    public (ContentTypePartDefinition Part, ContentPartFieldDefinition Field)? FindField(string name, out string? error)
    {
        error = null;
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var matches = Fields.Where(pf => dot < 0
            ? string.Equals(pf.Field.Name, name, StringComparison.OrdinalIgnoreCase)
            : string.Equals(pf.Part.Name, name[..dot], StringComparison.OrdinalIgnoreCase) && string.Equals(pf.Field.Name, name[(dot + 1)..], StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }
        error = matches.Count == 0
            ? $"The content type '{Type.Name}' has no field '{name}'."
            : $"'{name}' is a field of several parts of '{Type.Name}'; name it as Part.Field ({string.Join(", ", matches.Select(m => m.Part.Name + "." + m.Field.Name))}).";
        return null;
    }
}
