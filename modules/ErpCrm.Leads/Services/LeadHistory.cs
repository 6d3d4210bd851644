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
}

/// <summary>
/// A lead's history (table <c>lead_history</c>): what happened to it, written by handlers of the module's own domain events in
/// the transaction that raised them — the timeline the lead pages and stage reports read, and a proof that the events fire.
/// </summary>
public sealed class LeadHistory(IUnitOfWork unitOfWork, TimeProvider clock) :
    IDomainEventHandler<LeadCreated>, IDomainEventHandler<LeadStageChanged>, IDomainEventHandler<LeadConverted>, IDomainEventHandler<LeadLost>
{
    public const int MaxDetailLength = 1000;

    public Task HandleAsync(LeadCreated e, CancellationToken cancellationToken) =>
        RecordAsync(e.LeadId, nameof(LeadCreated), $"in '{e.Stage}', score {e.Score}{(e.OwnerId is null ? "" : $", assigned to user {e.OwnerId}")}", cancellationToken);

    public Task HandleAsync(LeadStageChanged e, CancellationToken cancellationToken) =>
        RecordAsync(e.LeadId, nameof(LeadStageChanged), $"'{e.From}' → '{e.To}'", cancellationToken);

    public Task HandleAsync(LeadConverted e, CancellationToken cancellationToken) =>
        RecordAsync(e.LeadId, nameof(LeadConverted), $"company {e.CompanyId ?? "none"}, person {e.PersonId ?? "none"}", cancellationToken);

    public Task HandleAsync(LeadLost e, CancellationToken cancellationToken) => RecordAsync(e.LeadId, nameof(LeadLost), e.Reason, cancellationToken);

    /// <summary>Records something else that happened to a lead (e.g. a capture that repeated it).</summary>
    public Task RecordAsync(string leadId, string what, string? detail, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(
            "INSERT INTO lead_history (lead_id, event, detail, occurred_utc) VALUES (@leadId, @what, @detail, @now)",
            new
            {
                leadId, what,
                detail = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail,
                now = clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            }, cancellationToken);

    /// <summary>A lead's history, oldest first.</summary>
    public Task<IReadOnlyList<LeadHistoryEntry>> ListAsync(string leadId, CancellationToken cancellationToken) =>
        unitOfWork.QueryAsync<LeadHistoryEntry>(
            "SELECT event AS Event, detail AS Detail, occurred_utc AS OccurredUtc FROM lead_history WHERE lead_id = @leadId ORDER BY id", new { leadId }, cancellationToken);
}
