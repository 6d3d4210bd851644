namespace ErpCrm.Leads.Models;

/// <summary>
/// A message a visitor sent through the capture form about a lead that was already open (the same email or phone): kept beside
/// the lead, never written into it, so nothing an anonymous visitor sends changes what staff wrote.
/// </summary>
public sealed record LeadMessage
{
    public long Id { get; init; }
    public string LeadId { get; init; } = "";
    /// <summary>When it arrived (UTC, ISO 8601).</summary>
    public string ReceivedUtc { get; init; } = "";
    /// <summary>The name, email, phone, company and source as the visitor gave them this time.</summary>
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string? Phone { get; init; }
    public string? Company { get; init; }
    public string? Source { get; init; }
    public string? Message { get; init; }
}
