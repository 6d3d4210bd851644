using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Modules;
using ErpCrm.Text;

namespace ErpCrm.Core.Content.Items;

/// <summary>What validating an item found: errors by field path, the field index rows, and each value as people read it.</summary>
public sealed record ContentValidation(IReadOnlyDictionary<string, string> Errors, IReadOnlyList<FieldIndexRow> Index, IReadOnlyDictionary<string, string?> Values);

/// <summary>
/// Checks an item against its type's definition with the part and field types of the enabled features, brings values to
/// their stored form, and computes what the field index holds. Parts and fields of types no enabled feature provides are
/// kept as they are. A part the item does not carry is not added unless a part or field type puts something in it
/// (a default), so that an imported item reads back as it was given.
/// </summary>
public sealed class ContentValidator(IFeatureServices<IContentFieldType> fieldTypes, IFeatureServices<IContentPartType> partTypes, IContentReferences references)
{
    public async Task<ContentValidation> ValidateAsync(ContentItem item, ContentSchema schema, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var index = new List<FieldIndexRow>();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["DisplayText"] = item.DisplayText };
        foreach (var part in schema.Type.Parts)
        {
            var carried = item.Parts[part.Name];
            if (carried is not null and not JsonObject)
            {
                errors[part.Name] = $"{part.Name} must be a JSON object (the part's fields and values).";
                continue;
            }
            var value = carried as JsonObject ?? [];
            if (partTypes.FirstOrDefault(t => string.Equals(t.Name, part.PartName, StringComparison.Ordinal)) is { } partType)
            {
                await partType.ValidateAsync(new ContentPartContext
                {
                    Item = item, Type = schema.Type, Part = part, Value = value, Path = part.Name, Errors = errors, CancellationToken = cancellationToken,
                });
            }
            var fields = schema.FieldsOf(part);
            foreach (var field in fields)
            {
                await ValidateFieldAsync(item, schema, part, field, value, errors, index, values, cancellationToken);
            }
            AddOtherValues(part.Name, value, fields, values);
            if (carried is null && value.Count > 0)
            {
                item.Parts[part.Name] = value;
            }
        }
        values["DisplayText"] = item.DisplayText; // part types (TitlePart) may have set it
        if (ControlCharacters.Error(item.DisplayText, "DisplayText") is { } control)
        {
            errors.TryAdd("DisplayText", control);
        }
        return new ContentValidation(errors, index, values);
    }

    /// <summary>The values of an item as people read them, without checking it (for the history of versions).</summary>
    public IReadOnlyDictionary<string, string?> Values(ContentItem item, ContentSchema schema)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["DisplayText"] = item.DisplayText };
        foreach (var part in schema.Type.Parts)
        {
            var value = item.Part(part.Name) ?? [];
            var fields = schema.FieldsOf(part);
            foreach (var field in fields)
            {
                var fieldValue = value[field.Name] as JsonObject;
                values[$"{part.Name}.{field.Name}"] = FieldType(field) is { } type ? type.Display(fieldValue, field) : Plain(fieldValue);
            }
            AddOtherValues(part.Name, value, fields, values);
        }
        return values;
    }

    /// <summary>What the field index holds for an item as stored, without checking it (for re-indexing).</summary>
    public IReadOnlyList<FieldIndexRow> IndexOf(ContentItem item, ContentSchema schema) =>
        schema.Fields
            .Where(pf => ContentSchema.IsQueryable(pf.Field))
            .Select(pf => (pf.Part, pf.Field, Type: FieldType(pf.Field), Value: item.Part(pf.Part.Name)?[pf.Field.Name] as JsonObject))
            .Select(x => x.Type?.Index(x.Value, x.Field) is { } value ? new FieldIndexRow(x.Part.Name, x.Field.Name, value) : null)
            .OfType<FieldIndexRow>()
            .ToList();

    private async Task ValidateFieldAsync(ContentItem item, ContentSchema schema, ContentTypePartDefinition part, ContentPartFieldDefinition field, JsonObject partValue,
        Dictionary<string, string> errors, List<FieldIndexRow> index, Dictionary<string, string?> values, CancellationToken cancellationToken)
    {
        var path = $"{part.Name}.{field.Name}";
        var carried = partValue[field.Name];
        if (carried is not null and not JsonObject)
        {
            errors[path] = $"{ContentSchema.DisplayNameOf(field)} must be a JSON object (e.g. {{\"Text\": \"…\"}}).";
            return;
        }
        var value = carried as JsonObject ?? [];
        var type = FieldType(field);
        if (type is not null)
        {
            await type.ValidateAsync(new ContentFieldContext
            {
                Item = item, Type = schema.Type, Part = part, Field = field, Value = value, Present = carried is not null, Path = path, Errors = errors,
                References = references, CancellationToken = cancellationToken,
            });
            if (ContentSchema.IsQueryable(field) && type.Index(value, field) is { } indexed)
            {
                index.Add(new FieldIndexRow(part.Name, field.Name, indexed));
            }
        }
        if (carried is null && value.Count > 0)
        {
            partValue[field.Name] = value;
        }
        values[path] = type is not null ? type.Display(carried is null && value.Count == 0 ? null : value, field) : Plain(carried as JsonObject);
    }

    private IContentFieldType? FieldType(ContentPartFieldDefinition field) =>
        fieldTypes.FirstOrDefault(t => string.Equals(t.Name, field.FieldName, StringComparison.Ordinal));

    /// <summary>The part's properties that are not its defined fields, as JSON text, so that the trail sees their changes too.</summary>
    private static void AddOtherValues(string partName, JsonObject value, IReadOnlyList<ContentPartFieldDefinition> fields, Dictionary<string, string?> values)
    {
        foreach (var (name, node) in value)
        {
            if (!fields.Any(f => string.Equals(f.Name, name, StringComparison.Ordinal)))
            {
                values[$"{partName}.{name}"] = Plain(node);
            }
        }
    }

    private static string? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonObject { Count: 1 } o when o.First().Value is JsonValue single => Plain(single),
        _ => node.ToJsonString(),
    };
}

/// <summary>What pickers look up: items in the content store and users of the tenant.</summary>
public sealed class ContentReferences(ContentItemStore items, UserStore users) : IContentReferences
{
    public Task<string?> ContentTypeOfAsync(string contentItemId, CancellationToken cancellationToken) => items.ContentTypeOfAsync(contentItemId, cancellationToken);

    public async Task<bool> UserExistsAsync(string userId, CancellationToken cancellationToken) =>
        long.TryParse(userId, out var id) && await users.FindByIdAsync(id, cancellationToken) is not null;
}
