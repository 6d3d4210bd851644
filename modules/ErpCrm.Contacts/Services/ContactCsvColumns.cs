using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Contacts.Models;

namespace ErpCrm.Contacts.Services;

/// <summary>What a CSV column holds.</summary>
public enum ContactColumnKind
{
    /// <summary>The contact's id: a row with one updates that contact (or creates it under that id).</summary>
    Id,
    /// <summary>Company or Person.</summary>
    Type,
    /// <summary>The title (display text).</summary>
    Name,
    /// <summary>A person's company, by id or exact name.</summary>
    Company,
    /// <summary>A field of one of the types' parts (ContactPart, PersonPart, or the fields admins added).</summary>
    Field,
}

/// <summary>A field a column fills in items of one type, as <c>{Part}.{Field}</c> in the item's JSON.</summary>
public sealed record ContactCsvField(string Type, string Part, ContentPartFieldDefinition Field)
{
    public string Path => $"{Part}.{Field.Name}";
}

/// <summary>A column of a contact CSV file: its header as written and what it fills (one field per type that has it).</summary>
public sealed record ContactCsvColumn(string Header, ContactColumnKind Kind, IReadOnlyList<ContactCsvField> Fields)
{
    /// <summary>The field this column fills in items of <paramref name="type"/>, or null when that type has none.</summary>
    public ContactCsvField? For(string type) => Fields.FirstOrDefault(f => string.Equals(f.Type, type, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The columns a contact CSV file may have, read from the current definitions of the Company and Person types, so that a
/// field an admin adds is a column at once: the standard columns by their names, any field by <c>Field</c> (when one part
/// of a type has it) or <c>Part.Field</c>. Headers are matched ignoring case.
/// </summary>
public sealed class ContactCsvSchema
{
    public const string TitlePart = "TitlePart";

    /// <summary>The columns an export starts with, in this order; then every other field as <c>Part.Field</c>.</summary>
    public static readonly IReadOnlyList<string> StandardColumns =
        ["Id", "Type", "Name", "Email", "Phone", "TaxId", "Tags", "IsCustomer", "IsSupplier", "Street", "City", "PostalCode", "Country", "Company", "JobTitle"];

    private static readonly IReadOnlyDictionary<string, ContactColumnKind> Reserved = new Dictionary<string, ContactColumnKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["Id"] = ContactColumnKind.Id, ["Type"] = ContactColumnKind.Type, ["Name"] = ContactColumnKind.Name, ["Company"] = ContactColumnKind.Company,
    };

    private readonly IReadOnlyList<ContactCsvField> _fields;

    private ContactCsvSchema(IReadOnlyList<ContactCsvField> fields) => _fields = fields;

    /// <summary>Reads the Company and Person types and the parts they attach.</summary>
    public static async Task<ContactCsvSchema> LoadAsync(IContentDefinitionService definitions, CancellationToken cancellationToken)
    {
        var fields = new List<ContactCsvField>();
        foreach (var typeName in ContactService.ContactTypes)
        {
            if (await definitions.FindTypeAsync(typeName, cancellationToken) is not { } type)
            {
                continue;
            }
            foreach (var part in type.Parts)
            {
                if (await definitions.FindPartAsync(part.PartName, cancellationToken) is { } definition)
                {
                    fields.AddRange(definition.Fields.Select(f => new ContactCsvField(type.Name, part.Name, f)));
                }
            }
        }
        return new ContactCsvSchema(fields);
    }

    /// <summary>The column a header names, or null with the reason (unknown, or a field of several parts of one type).</summary>
    public ContactCsvColumn? Resolve(string header, out string? error)
    {
        error = null;
        var name = header.Trim();
        if (Reserved.TryGetValue(name, out var kind))
        {
            return new ContactCsvColumn(name, kind, kind == ContactColumnKind.Company ? Matching(PersonIndex.Part, "Company") : []);
        }
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var fields = dot < 0 ? Matching(null, name) : Matching(name[..dot], name[(dot + 1)..]);
        if (fields.Count == 0)
        {
            error = $"There is no column '{name}'. The columns are {string.Join(", ", StandardColumns)}, and the fields of the Company and Person types as Field or Part.Field.";
            return null;
        }
        if (fields.GroupBy(f => f.Type, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } several)
        {
            error = $"'{name}' is a field of several parts of {several.Key}; name it as Part.Field ({string.Join(", ", several.Select(f => f.Path))}).";
            return null;
        }
        var isCompany = fields.All(f => f.Part == PersonIndex.Part && f.Field.Name == "Company");
        return new ContactCsvColumn(name, isCompany ? ContactColumnKind.Company : ContactColumnKind.Field, fields);
    }

    /// <summary>The columns an export writes: the standard ones this tenant's types have, then every other field as Part.Field.</summary>
    public IReadOnlyList<ContactCsvColumn> ExportColumns()
    {
        var columns = StandardColumns.Select(h => Resolve(h, out _)).OfType<ContactCsvColumn>()
            .Where(c => c.Kind != ContactColumnKind.Field || c.Fields.Count > 0).ToList();
        var covered = columns.SelectMany(c => c.Fields).Select(f => (f.Type, f.Path)).ToHashSet();
        foreach (var group in _fields.Where(f => !covered.Contains((f.Type, f.Path))).GroupBy(f => f.Path, StringComparer.OrdinalIgnoreCase))
        {
            columns.Add(new ContactCsvColumn(group.Key, ContactColumnKind.Field, group.ToList()));
        }
        return columns;
    }

    private List<ContactCsvField> Matching(string? part, string field) =>
        _fields.Where(f => string.Equals(f.Field.Name, field, StringComparison.OrdinalIgnoreCase)
                           && (part is null || string.Equals(f.Part, part, StringComparison.OrdinalIgnoreCase))).ToList();
}

/// <summary>
/// A field's value as one CSV cell and back. Fields whose value is one text, number, date or yes/no read as that value;
/// any other kind (money, links, pickers, enumerations…) as its JSON object, so that it round-trips unchanged.
/// </summary>
public static class ContactCsvValues
{
    private static readonly IReadOnlyDictionary<string, string> TextProperty = new Dictionary<string, string>
    {
        ["TextField"] = "Text", ["EmailField"] = "Email", ["PhoneField"] = "Phone", ["MarkdownField"] = "Markdown", ["HtmlField"] = "Html",
        ["DateField"] = "Value", ["DateTimeField"] = "Value",
    };

    /// <summary>The cell of a field's value ("" when empty).</summary>
    public static string Cell(JsonObject? value, ContentPartFieldDefinition field)
    {
        if (value is null)
        {
            return "";
        }
        switch (field.FieldName)
        {
            case var name when TextProperty.TryGetValue(name, out var property):
                return value[property] is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : "";
            case "BooleanField":
                return value["Value"] is JsonValue flag && flag.GetValueKind() is JsonValueKind.True ? "true" : "false";
            case "NumericField":
                return value["Value"] is JsonValue number && number.GetValueKind() is JsonValueKind.Number or JsonValueKind.String ? number.ToString() : "";
            default:
                return value.Count == 0 ? "" : value.ToJsonString();
        }
    }

    /// <summary>A field's value from its cell; null with an error when the cell cannot be one. An empty cell is an empty value.</summary>
    public static JsonObject? Value(string cell, ContentPartFieldDefinition field, out string? error)
    {
        error = null;
        var text = cell.Trim();
        switch (field.FieldName)
        {
            case var name when TextProperty.TryGetValue(name, out var property):
                return text.Length == 0 ? [] : new JsonObject { [property] = name == "TextField" || name == "HtmlField" || name == "MarkdownField" ? cell : text };
            case "BooleanField":
                if (TryParseBoolean(text, out var flag))
                {
                    return new JsonObject { ["Value"] = flag };
                }
                error = $"'{cell}' is not yes or no: write true or false (yes/no and 1/0 are understood too).";
                return null;
            case "NumericField":
                return text.Length == 0 ? []
                    : new JsonObject { ["Value"] = decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(text) };
            default:
                if (text.Length == 0)
                {
                    return [];
                }
                try
                {
                    if (JsonNode.Parse(text) is JsonObject json)
                    {
                        return json;
                    }
                }
                catch (JsonException)
                {
                }
                error = $"A {field.FieldName} is written as its JSON object, e.g. {{\"…\": …}} as the export shows it.";
                return null;
        }
    }

    /// <summary>Yes/no as people write it in spreadsheets; an empty cell is no.</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or "false" or "no" or "n" or "0":
                value = false;
                return true;
            case "true" or "yes" or "y" or "1":
                value = true;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
