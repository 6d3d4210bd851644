using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Content;
using ErpCrm.Text;

namespace ErpCrm.Core.Content;

/// <summary>
/// Content definitions in and out of Orchard Core's JSON: the records of a recipe's <c>ContentDefinition</c> step
/// (<c>ContentTypes[]</c> with <c>ContentTypePartDefinitionRecords[]</c>, <c>ContentParts[]</c> with
/// <c>ContentPartFieldDefinitionRecords[]</c>). Reading normalises settings (see <see cref="ContentSettingsNormalizer"/>)
/// and checks names; every problem is reported with its JSON path, so a whole step can be checked before anything is saved.
/// Property names are matched ignoring case; other properties of a record (e.g. an old recipe's <c>Hidden</c>) are ignored.
/// </summary>
public static partial class ContentDefinitionJson
{
    /// <summary>The longest name of a type, part, attachment, field or field type.</summary>
    public const int MaxNameLength = 128;

    /// <summary>The longest display name of a type or part (the tables hold that much).</summary>
    public const int MaxDisplayNameLength = 400;

    /// <summary>Reads a type record; problems go to <paramref name="errors"/> under <paramref name="path"/>, and then the answer is null.</summary>
    public static ContentTypeDefinition? ReadType(JsonNode? node, string path, IDictionary<string, string> errors)
    {
        var before = errors.Count;
        if (node is not JsonObject record)
        {
            errors[Join(path, "Name")] = "A content type must be a JSON object with a Name.";
            return null;
        }
        var name = ReadName(record, "Name", path, errors);
        var displayName = ReadText(record, "DisplayName", path, errors);
        if (ControlCharacters.Error(displayName, "DisplayName") is { } control)
        {
            errors[Join(path, "DisplayName")] = control;
        }
        else if (displayName?.Trim().Length > MaxDisplayNameLength)
        {
            errors[Join(path, "DisplayName")] = $"DisplayName is at most {MaxDisplayNameLength} characters.";
        }
        var settings = ReadObject(record, "Settings", path, errors);
        var parts = new List<ContentTypePartDefinition>();
        foreach (var (item, itemPath) in ReadArray(record, "ContentTypePartDefinitionRecords", path, errors))
        {
            if (item is not JsonObject partRecord)
            {
                errors[Join(itemPath, "Name")] = "A part of a type must be a JSON object with a Name and a PartName.";
                continue;
            }
            var partName = ReadName(partRecord, "PartName", itemPath, errors);
            var attachmentName = Property(partRecord, "Name") is null ? partName : ReadName(partRecord, "Name", itemPath, errors);
            if (attachmentName is not null && parts.Any(p => string.Equals(p.Name, attachmentName, StringComparison.OrdinalIgnoreCase)))
            {
                errors[Join(itemPath, "Name")] = $"The part name '{attachmentName}' is used twice in the type; attach a part twice under different names.";
            }
            var partSettings = ReadObject(partRecord, "Settings", itemPath, errors);
            if (partName is not null && attachmentName is not null)
            {
                parts.Add(new ContentTypePartDefinition(attachmentName, partName, ContentSettingsNormalizer.TypePartSettings(partSettings)));
            }
        }
        return errors.Count > before ? null
            : new ContentTypeDefinition(name!, string.IsNullOrWhiteSpace(displayName) ? name! : displayName.Trim(), ContentSettingsNormalizer.TypeSettings(settings), parts);
    }

    /// <summary>Reads a part record; problems go to <paramref name="errors"/> under <paramref name="path"/>, and then the answer is null.</summary>
    public static ContentPartDefinition? ReadPart(JsonNode? node, string path, IDictionary<string, string> errors)
    {
        var before = errors.Count;
        if (node is not JsonObject record)
        {
            errors[Join(path, "Name")] = "A content part must be a JSON object with a Name.";
            return null;
        }
        var name = ReadName(record, "Name", path, errors);
        var settings = ReadObject(record, "Settings", path, errors);
        var fields = new List<ContentPartFieldDefinition>();
        foreach (var (item, itemPath) in ReadArray(record, "ContentPartFieldDefinitionRecords", path, errors))
        {
            if (item is not JsonObject fieldRecord)
            {
                errors[Join(itemPath, "Name")] = "A field must be a JSON object with a Name and a FieldName.";
                continue;
            }
            var fieldName = ReadName(fieldRecord, "Name", itemPath, errors);
            var fieldType = ReadName(fieldRecord, "FieldName", itemPath, errors);
            if (fieldName is not null && fields.Any(f => string.Equals(f.Name, fieldName, StringComparison.OrdinalIgnoreCase)))
            {
                errors[Join(itemPath, "Name")] = $"The field name '{fieldName}' is used twice in the part.";
            }
            var fieldSettings = ReadObject(fieldRecord, "Settings", itemPath, errors);
            if (fieldName is not null && fieldType is not null)
            {
                fields.Add(new ContentPartFieldDefinition(fieldName, fieldType, ContentSettingsNormalizer.FieldSettings(fieldSettings)));
            }
        }
        if (errors.Count > before)
        {
            return null;
        }
        var part = new ContentPartDefinition(name!, ContentSettingsNormalizer.PartSettings(settings), fields);
        if (PartDisplayName(part).Length > MaxDisplayNameLength)
        {
            errors[Join(path, "Settings.ContentPartSettings.DisplayName")] = $"DisplayName is at most {MaxDisplayNameLength} characters.";
            return null;
        }
        return part;
    }

    /// <summary>How a part is named to people: its settings' DisplayName, else its name.</summary>
    public static string PartDisplayName(ContentPartDefinition part) =>
        part.Settings[ContentSettingNames.ContentPartSettings] is JsonObject settings && settings["DisplayName"] is JsonValue value
            && value.TryGetValue<string>(out var displayName) && !string.IsNullOrWhiteSpace(displayName)
            ? displayName
            : part.Name;

    /// <summary>
    /// Reads a whole <c>ContentDefinition</c> step (<c>{"ContentTypes": [...], "ContentParts": [...]}</c>); null when
    /// anything is wrong, with every problem in <paramref name="errors"/>. A name given twice in the step is an error.
    /// </summary>
    public static (IReadOnlyList<ContentTypeDefinition> Types, IReadOnlyList<ContentPartDefinition> Parts)? ReadStep(
        JsonNode? node, IDictionary<string, string> errors)
    {
        if (node is not JsonObject step)
        {
            errors["ContentTypes"] = "The body must be a ContentDefinition step: a JSON object with ContentTypes and ContentParts.";
            return null;
        }
        var before = errors.Count;
        var types = ReadAll(step, "ContentTypes", errors, ReadType, t => t.Name);
        var parts = ReadAll(step, "ContentParts", errors, ReadPart, p => p.Name);
        return errors.Count > before ? null : (types, parts);
    }

    private static List<T> ReadAll<T>(JsonObject step, string property, IDictionary<string, string> errors,
        Func<JsonNode?, string, IDictionary<string, string>, T?> read, Func<T, string> name) where T : class
    {
        var all = new List<T>();
        foreach (var (item, path) in ReadArray(step, property, "", errors))
        {
            if (read(item, path, errors) is not { } definition)
            {
                continue;
            }
            if (all.Any(d => string.Equals(name(d), name(definition), StringComparison.OrdinalIgnoreCase)))
            {
                errors[Join(path, "Name")] = $"'{name(definition)}' is given twice in {property}.";
            }
            all.Add(definition);
        }
        return all;
    }

    /// <summary>A type as Orchard Core writes it in a <c>ContentDefinition</c> step (nested settings style).</summary>
    public static JsonObject Write(ContentTypeDefinition type) => new()
    {
        ["Name"] = type.Name,
        ["DisplayName"] = type.DisplayName,
        ["Settings"] = type.Settings.DeepClone(),
        ["ContentTypePartDefinitionRecords"] = new JsonArray([.. type.Parts.Select(p => (JsonNode)new JsonObject
        {
            ["PartName"] = p.PartName,
            ["Name"] = p.Name,
            ["Settings"] = p.Settings.DeepClone(),
        })]),
    };

    /// <summary>A part as Orchard Core writes it in a <c>ContentDefinition</c> step (nested settings style).</summary>
    public static JsonObject Write(ContentPartDefinition part) => new()
    {
        ["Name"] = part.Name,
        ["Settings"] = part.Settings.DeepClone(),
        ["ContentPartFieldDefinitionRecords"] = new JsonArray([.. part.Fields.Select(f => (JsonNode)new JsonObject
        {
            ["FieldName"] = f.FieldName,
            ["Name"] = f.Name,
            ["Settings"] = f.Settings.DeepClone(),
        })]),
    };

    /// <summary>Whether <paramref name="name"/> is a valid technical name (letters, digits, '_', starting with a letter, at most <see cref="MaxNameLength"/>).</summary>
    public static bool IsValidName(string? name) => name is { Length: > 0 and <= MaxNameLength } && NamePattern().IsMatch(name);

    /// <summary>A property of a record, its name matched ignoring case.</summary>
    public static JsonNode? Property(JsonObject record, string name)
    {
        if (record.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }
        return record.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>The elements of an array property, each with its path; a property that is there but not an array is an error.</summary>
    public static IEnumerable<(JsonNode? Item, string Path)> ReadArray(JsonObject record, string property, string path, IDictionary<string, string> errors)
    {
        switch (Property(record, property))
        {
            case null:
                return [];
            case JsonArray array:
                return array.Select((item, index) => (item, $"{Join(path, property)}[{index}]")).ToList();
            default:
                errors[Join(path, property)] = $"{property} must be an array.";
                return [];
        }
    }

    private static string? ReadName(JsonObject record, string property, string path, IDictionary<string, string> errors)
    {
        var text = ReadText(record, property, path, errors);
        if (NameError(text, property) is not { } error)
        {
            return text;
        }
        errors[Join(path, property)] = error;
        return null;
    }

    /// <summary>What is wrong with <paramref name="name"/> as a technical name, in words naming <paramref name="label"/>; null when it is valid.</summary>
    public static string? NameError(string? name, string label) =>
        IsValidName(name) ? null
        : name is null or "" ? $"{label} is required."
        : $"{label} '{Shorten(name)}' is not valid: use letters, digits and '_', starting with a letter, at most {MaxNameLength} characters.";

    private static string? ReadText(JsonObject record, string property, string path, IDictionary<string, string> errors)
    {
        var value = Property(record, property);
        if (value is null)
        {
            return null;
        }
        if (value is JsonValue scalar && scalar.TryGetValue<string>(out var text))
        {
            return text;
        }
        errors[Join(path, property)] = $"{property} must be a string.";
        return null;
    }

    private static JsonObject? ReadObject(JsonObject record, string property, string path, IDictionary<string, string> errors)
    {
        var value = Property(record, property);
        if (value is null or JsonObject)
        {
            return (JsonObject?)value;
        }
        errors[Join(path, property)] = $"{property} must be a JSON object.";
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Join(string path, string property) => path.Length == 0 ? property : $"{path}.{property}";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
