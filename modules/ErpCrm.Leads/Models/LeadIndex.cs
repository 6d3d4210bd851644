using System.Text.Json.Nodes;
using ErpCrm.Contacts.Models;
using ErpCrm.Content;

namespace ErpCrm.Leads.Models;

/// <summary>
/// One row per stored version of every item with a LeadPart, kept by the kernel in the transaction of the save: what lead
/// lists, the kanban, duplicate detection on capture and reports read. Email and phone keys are made as contacts' are
/// (<see cref="ContactKeys"/>), so a lead and a contact match on the same keys.
/// </summary>
public sealed class LeadIndex : ContentPartIndex
{
    public const string TableName = "lead_index";

    /// <summary>Texts are cut to this length in the index (sources and stages are shorter by their fields' settings).</summary>
    public const int MaxTextLength = ContactIndex.MaxKeyLength;

    public override string Table => TableName;

    public override string PartName => LeadPartValues.PartName;

    public override IReadOnlyDictionary<string, object?> Map(ContentItem item, JsonObject part)
    {
        var stage = LeadPartValues.Text(part, LeadPartValues.Stage);
        var revenue = LeadPartValues.Revenue(part);
        return new Dictionary<string, object?>
        {
            ["display_name_key"] = ContactKeys.Lower(item.DisplayText),
            ["stage"] = Cut(stage),
            ["stage_key"] = ContactKeys.Lower(stage),
            ["owner_id"] = LeadPartValues.OwnerOf(part),
            ["status"] = LeadPartValues.StatusOf(part).ToString().ToLowerInvariant(),
            ["email_key"] = ContactKeys.Lower(LeadPartValues.EmailOf(part)),
            ["phone_key"] = ContactKeys.PhoneKey(LeadPartValues.PhoneOf(part)),
            ["source"] = Cut(LeadPartValues.Text(part, LeadPartValues.Source)),
            ["expected_revenue"] = revenue?.MinorUnits,
            ["currency"] = revenue?.Currency,
            ["probability"] = (int?)LeadPartValues.Number(part, LeadPartValues.Probability),
            ["score"] = (long?)LeadPartValues.Number(part, LeadPartValues.Score),
            ["contact_id"] = LeadPartValues.FirstId(part, LeadPartValues.Contact),
            ["company_id"] = LeadPartValues.FirstId(part, LeadPartValues.ConvertedCompany),
            ["person_id"] = LeadPartValues.FirstId(part, LeadPartValues.ConvertedPerson),
            ["created_utc"] = item.CreatedUtc?.UtcDateTime.ToString("O"),
            ["closed_utc"] = LeadPartValues.ClosedUtcOf(part),
        };
    }

    private static string? Cut(string? text) => text is { Length: > MaxTextLength } ? text[..MaxTextLength] : text;
}
