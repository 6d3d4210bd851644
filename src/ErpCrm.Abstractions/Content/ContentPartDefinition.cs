using System.Text.Json.Nodes;

namespace ErpCrm.Content;

/// <summary>
/// A content part, as in Orchard Core: a reusable group of fields (and, for parts modules provide, behaviour)
/// that content types attach. Fields added to a type live in a part named after the type.
/// </summary>
/// <param name="Name">The technical name: letters, digits and '_', starting with a letter.</param>
/// <param name="Settings">The part's settings, one JSON object per settings class; Attachable, Reusable, DisplayName, Description and
/// DefaultPosition live in <see cref="ContentSettingNames.ContentPartSettings"/>; unknown ones are kept.</param>
/// <param name="Fields">The part's fields, in their stored order.</param>
public sealed record ContentPartDefinition(string Name, JsonObject Settings, IReadOnlyList<ContentPartFieldDefinition> Fields);

/// <summary>A field of a content part.</summary>
/// <param name="Name">The field's name, unique in the part.</param>
/// <param name="FieldName">The field type, e.g. TextField, NumericField. Field types this host does not know are kept.</param>
/// <param name="Settings">The field's settings: display name, position, hint and required live in
/// <see cref="ContentSettingNames.ContentPartFieldSettings"/>; each field type adds its own object (e.g. TextFieldSettings).</param>
public sealed record ContentPartFieldDefinition(string Name, string FieldName, JsonObject Settings);

/// <summary>The names of the settings objects every content definition may carry, as Orchard Core names them.</summary>
public static class ContentSettingNames
{
    /// <summary>On a type: Creatable, Listable, Draftable, Versionable, Securable (booleans) and Stereotype (text).</summary>
    public const string ContentTypeSettings = "ContentTypeSettings";

    /// <summary>On a part: Attachable, Reusable (booleans), DisplayName, Description (text) and DefaultPosition (a whole number as text, as Orchard Core declares it: <c>"4"</c>).</summary>
    public const string ContentPartSettings = "ContentPartSettings";

    /// <summary>On a part attached to a type: Position (a whole number as text: <c>"2"</c>), DisplayName and Description (text).</summary>
    public const string ContentTypePartSettings = "ContentTypePartSettings";

    /// <summary>On a field: DisplayName, Hint (text), Position (a whole number as text) and Required (boolean).</summary>
    public const string ContentPartFieldSettings = "ContentPartFieldSettings";
}
