using ErpCrm.Content;
using ErpCrm.Core.Content;

namespace ErpCrm.Web.Admin.ContentTypes;

/// <summary>A name an admin picks from a list, with what they read.</summary>
public sealed record Choice(string Name, string DisplayName);

/// <summary>
/// What the content type editor offers to pick: the field types and part types that modules provide, and the parts a
/// type can attach. Works with no module providing any: then Orchard Core's field type names are offered, and only
/// the parts defined in this tenant.
/// </summary>
public sealed class ContentDefinitionChoices(IEnumerable<IContentFieldType> fieldTypes, IEnumerable<IContentPartType> partTypes)
{
    /// <summary>Orchard Core's field types, offered when no module registers any.</summary>
    public static readonly IReadOnlyList<string> OrchardFieldTypes =
    [
        "TextField", "HtmlField", "MarkdownField", "NumericField", "MoneyField", "BooleanField", "DateField", "DateTimeField",
        "EnumerationField", "ContentPickerField", "UserPickerField", "LinkField", "EmailField", "PhoneField",
    ];

    /// <summary>The field types a new field can have, by display name.</summary>
    public IReadOnlyList<Choice> FieldTypes()
    {
        var provided = fieldTypes.Select(f => new Choice(f.Name, f.DisplayName)).DistinctBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var choices = provided.Count > 0 ? provided : OrchardFieldTypes.Select(n => new Choice(n, n)).ToList();
        return choices.OrderBy(c => c.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// The parts <paramref name="type"/> can attach once more: the defined parts and the part types modules provide, except another
    /// type's own part (its fields belong to that type) and a defined part that says it is not attachable. With
    /// <paramref name="includeAttached"/> false, the parts the type already attaches are left out.
    /// </summary>
    public IReadOnlyList<Choice> PartsFor(ContentTypeDefinition type, IEnumerable<string> typeNames, IEnumerable<ContentPartDefinition> parts, bool includeAttached)
    {
        var otherTypes = typeNames.Where(n => !string.Equals(n, type.Name, StringComparison.OrdinalIgnoreCase)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var defined = parts.Where(p => !otherTypes.Contains(p.Name) && !string.Equals(p.Name, type.Name, StringComparison.OrdinalIgnoreCase)
                && ContentDefinitionEditing.Flag(p.Settings, ContentSettingNames.ContentPartSettings, "Attachable") != false)
            .Select(p => new Choice(p.Name, ContentDefinitionEditing.DisplayName(p)));
        var provided = partTypes.Where(p => !parts.Any(d => string.Equals(d.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(p => new Choice(p.Name, p.DisplayName));
        return defined.Concat(provided)
            .Where(c => includeAttached || !type.Parts.Any(p => string.Equals(p.PartName, c.Name, StringComparison.OrdinalIgnoreCase)))
            .DistinctBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .OrderBy(c => c.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
