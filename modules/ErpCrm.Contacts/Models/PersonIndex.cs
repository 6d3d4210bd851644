using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Contacts.Models;

/// <summary>One row per stored version of every item with a PersonPart: the company the person works for, so that a
/// company's people are found (and moved when companies are merged) without reading every document.</summary>
public sealed class PersonIndex : ContentPartIndex
{
    public const string TableName = "person_index";

    public const string Part = "PersonPart";

    public override string Table => TableName;

    public override string PartName => Part;

    public override IReadOnlyDictionary<string, object?> Map(ContentItem item, JsonObject part) =>
        new Dictionary<string, object?> { ["company_id"] = CompanyId(part) };

    /// <summary>The company a PersonPart points at, or null.</summary>
    public static string? CompanyId(JsonObject? part) =>
        part?["Company"] is JsonObject company && company["ContentItemIds"] is JsonArray { Count: > 0 } ids
        && ids[0] is JsonValue id && id.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : null;
}
