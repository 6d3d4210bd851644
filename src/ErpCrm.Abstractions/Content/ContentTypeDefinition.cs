using System.Text.Json.Nodes;

namespace ErpCrm.Content;

/// <summary>
/// A content type, as in Orchard Core: a named shape of business entity (a Lead, a Ticket) made of parts.
/// Settings are kept as JSON so that settings of modules this host does not know round-trip unchanged; the
/// common ones live in the <see cref="ContentSettingNames.ContentTypeSettings"/> object (Creatable, Listable,
/// Draftable, Versionable, Securable, Stereotype).
/// </summary>
/// <param name="Name">The technical name: letters, digits and '_', starting with a letter.</param>
/// <param name="DisplayName">The name people read.</param>
/// <param name="Settings">The type's settings, one JSON object per settings class (nested style).</param>
/// <param name="Parts">The parts attached to the type, in their stored order; a part may be attached twice under different names.</param>
public sealed record ContentTypeDefinition(string Name, string DisplayName, JsonObject Settings, IReadOnlyList<ContentTypePartDefinition> Parts);

/// <summary>A part attached to a content type.</summary>
/// <param name="Name">The name of the attachment, unique in the type (usually the part's name; different when a part is attached twice).</param>
/// <param name="PartName">The part attached: a <see cref="ContentPartDefinition"/>'s name or a part type a module provides (e.g. TitlePart).
/// Parts this host does not know are kept as plain parts.</param>
/// <param name="Settings">The attachment's settings; position, display name and description live in
/// <see cref="ContentSettingNames.ContentTypePartSettings"/>.</param>
public sealed record ContentTypePartDefinition(string Name, string PartName, JsonObject Settings);
