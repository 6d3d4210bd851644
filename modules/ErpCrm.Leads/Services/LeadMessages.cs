using System.Globalization;
using ErpCrm.Data;
using ErpCrm.Leads.Models;

namespace ErpCrm.Leads.Services;

/// <summary>
/// The messages of open leads (table <c>lead_messages</c>): what the public capture form brought in about a lead that already
/// existed. Invariants:
/// - append only, and nothing here changes the lead: its notes and fields are staff's, and an anonymous visitor never
///   overwrites or pushes out what they wrote;
/// - each message is within the capture form's limits (<see cref="LeadCaptureService.Validate"/>: at most
///   <see cref="LeadCaptureService.MaxMessageLength"/> characters of message);
/// - a lead keeps at most <see cref="MaxPerLeadPerDay"/> messages in any 24 hours: further ones are dropped, so a flood from
///   many addresses can neither bury a lead's real messages nor grow the table without bound. Two captures racing may both
///   pass the count (a brake, not a quota).
/// </summary>
public sealed class LeadMessages(IUnitOfWork unitOfWork, TimeProvider clock)
{
    /// <summary>Messages kept per lead in any 24 hours; a person writing again a few times a day stays well within it.</summary>
    public const int MaxPerLeadPerDay = 10;

    /// <summary>The most messages a lead's page and <c>GET /api/leads/{id}/messages</c> show, newest first.</summary>
    public const int MaxListed = 100;

    /// <summary>Keeps a validated capture as a message of the open lead; false when the lead has had its day's messages (nothing stored).</summary>
    public async Task<bool> AppendAsync(string leadId, LeadMessage message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // One statement checks the cap and inserts, so the cap needs no read-then-write.
        var stored = await unitOfWork.ExecuteAsync(
            """
            INSERT INTO lead_messages (lead_id, received_utc, name, email, phone, company, source, message)
            SELECT @leadId, @now, @Name, @Email, @Phone, @Company, @Source, @Message
            WHERE (SELECT COUNT(*) FROM lead_messages WHERE lead_id = @leadId AND received_utc > @since) < @max
            """,
            new
            {
                leadId, now = Utc(now), since = Utc(now.AddDays(-1)), max = MaxPerLeadPerDay,
                message.Name, message.Email, message.Phone, message.Company, message.Source, message.Message,
            }, cancellationToken);
        return stored == 1;
    }

    /// <summary>A lead's messages, newest first (at most <see cref="MaxListed"/>).</summary>
    public Task<IReadOnlyList<LeadMessage>> ListAsync(string leadId, CancellationToken cancellationToken) =>
        unitOfWork.QueryAsync<LeadMessage>(
            """
            SELECT id AS Id, lead_id AS LeadId, received_utc AS ReceivedUtc, name AS Name, email AS Email, phone AS Phone, company AS Company,
                   source AS Source, message AS Message
            FROM lead_messages WHERE lead_id = @leadId ORDER BY id DESC LIMIT @max
            """, new { leadId, max = MaxListed }, cancellationToken);

    private static string Utc(DateTime time) => time.ToString("O", CultureInfo.InvariantCulture);
}
