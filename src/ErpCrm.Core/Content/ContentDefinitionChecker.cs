using ErpCrm.Content;
using ErpCrm.Modules;

namespace ErpCrm.Core.Content;

/// <summary>
/// Checks the settings of definitions: the common settings every type, part and field has (a Creatable that is not true or
/// false, a Position that is not a number, a display name with control characters), then the settings of the field and part
/// types of the enabled features (a MaxLength that is not a number, a pattern that is not a regular expression…). The own
/// settings of fields and parts of types no enabled feature provides are kept unchecked, so that definitions from Orchard
/// Core recipes import whole.
/// </summary>
public sealed class ContentDefinitionChecker(IFeatureServices<IContentFieldType> fieldTypes, IFeatureServices<IContentPartType> partTypes)
{
    /// <summary>Adds an error per bad setting of the type's parts, keyed by <paramref name="prefix"/> + the record's path.</summary>
    public void Check(ContentTypeDefinition type, string prefix, IDictionary<string, string> errors)
    {
        ContentSettingsNormalizer.CheckTypeSettings(type.Settings, $"{prefix}Settings", errors);
        for (var i = 0; i < type.Parts.Count; i++)
        {
            var part = type.Parts[i];
            var path = $"{prefix}ContentTypePartDefinitionRecords[{i}].Settings";
            ContentSettingsNormalizer.CheckTypePartSettings(part.Settings, path, errors);
            partTypes.FirstOrDefault(t => t.Name == part.PartName)?.ValidateSettings(part, path, errors);
        }
    }

    /// <summary>Adds an error per bad setting of the part's fields, keyed by <paramref name="prefix"/> + the record's path.</summary>
    public void Check(ContentPartDefinition part, string prefix, IDictionary<string, string> errors)
    {
        ContentSettingsNormalizer.CheckPartSettings(part.Settings, $"{prefix}Settings", errors);
        for (var i = 0; i < part.Fields.Count; i++)
        {
            var field = part.Fields[i];
            var path = $"{prefix}ContentPartFieldDefinitionRecords[{i}].Settings";
            ContentSettingsNormalizer.CheckFieldSettings(field.Settings, path, errors);
            fieldTypes.FirstOrDefault(t => t.Name == field.FieldName)?.ValidateSettings(field, path, errors);
        }
    }

    /// <summary>The names of the field types available now, in their order.</summary>
    public IReadOnlyList<string> FieldTypeNames => fieldTypes.Select(t => t.Name).ToList();

    /// <summary>The names of the part types with behaviour available now.</summary>
    public IReadOnlyList<string> PartTypeNames => partTypes.Select(t => t.Name).ToList();
}
