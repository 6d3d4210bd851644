using System.Globalization;
using ErpCrm.Data;
using ErpCrm.Leads.Models;

namespace ErpCrm.Leads.Services;

/// <summary>One entry of a lead's history.</summary>
public sealed record LeadHistoryEntry
{
    public string Event { get; init; } = "";
    public string? Detail { get; init; }
    public string OccurredUtc { get; init; } = "";

    /// <summary>The user the lead was assigned to (LeadCreated), by id.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The company and the person the lead became (LeadConverted), by id.</summary>
    public string? CompanyId { get; init; }
    public string? PersonId { get; init; }
}

/// <summary>
/// A lead's history (table <c>lead_history</c>): what happened to it, written by handlers of the module's own domain events in
/// the transaction that raised them — the timeline the lead pages and stage reports read, and a proof that the events fire.
/// </summary>
public sealed class LeadHistory(IUnitOfWork unitOfWork, TimeProvider clock) :
    IDomainEventHandler<LeadCreated>, IDomainEventHandler<LeadStageChanged>, IDomainEventHandler<LeadConverted>, IDomainEventHandler<LeadLost>
{
    public const int MaxDetailLength = 1000;

    // Ids go in columns of their own, never in the text: the pages name them as they are when shown.
    public Task HandleAsync(LeadCreated e, CancellationToken cancellationToken) =>
        RecordAsync(e.LeadId, nameof(LeadCreated), $"in '{e.Stage}', score {e.Score}", cancellationToken, ownerId: e.OwnerId);

    public Task HandleAsync(LeadStageChanged e, CancellationToken cancellationToken) =>
        RecordAsync(e.LeadId, nameof(LeadStageChanged), $"'{e.From}' → '{e.To}'", cancellationToken);

    public Task HandleAsync(LeadConverted e, CancellationToken cancellationToken) =>
        RecordAsync(e.LeadId, nameof(LeadConverted), null, cancellationToken, companyId: e.CompanyId, personId: e.PersonId);

    public Task HandleAsync(LeadLost e, CancellationToken cancellationToken) => RecordAsync(e.LeadId, nameof(LeadLost), e.Reason, cancellationToken);

    /// <summary>Records something else that happened to a lead (e.g. a capture that repeated it).</summary>
    public Task RecordAsync(string leadId, string what, string? detail, CancellationToken cancellationToken,
        string? ownerId = null, string? companyId = null, string? personId = null) =>
        unitOfWork.ExecuteAsync(
            "INSERT INTO lead_history (lead_id, event, detail, occurred_utc, owner_id, company_id, person_id) VALUES (@leadId, @what, @detail, @now, @ownerId, @companyId, @personId)",
            new
            {
                leadId, what, ownerId, companyId, personId,
                detail = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail,
                now = clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            }, cancellationToken);

    /// <summary>A lead's history, oldest first.</summary>
    public Task<IReadOnlyList<LeadHistoryEntry>> ListAsync(string leadId, CancellationToken cancellationToken) =>
        unitOfWork.QueryAsync<LeadHistoryEntry>(
            "SELECT event AS Event, detail AS Detail, occurred_utc AS OccurredUtc, owner_id AS OwnerId, company_id AS CompanyId, person_id AS PersonId FROM lead_history WHERE lead_id = @leadId ORDER BY id", new { leadId }, cancellationToken);
}
