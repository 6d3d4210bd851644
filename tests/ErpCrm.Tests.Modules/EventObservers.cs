using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Tests.Modules;

/// <summary>
/// Test.Observers: what Workflows will do — see every module's domain events by name and JSON payload, knowing none of their
/// types (this assembly does not reference Leads), once inside the raising transaction and once after it committed.
/// </summary>
[Feature("Test.Observers")]
public sealed class ObserversStartup : StartupBase
{
    public const string InTransaction = "in-transaction";
    public const string Committed = "committed";

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddDomainEventObserver<InTransactionEventLog>();
        services.AddCommittedEventObserver<CommittedEventLog>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/test/observed-events", async (IUnitOfWork uow, CancellationToken ct) =>
            TypedResults.Ok((await uow.QueryAsync<ObservedRow>(
                    "SELECT phase AS Phase, event_id AS EventId, name AS Name, payload AS Payload, actor AS Actor FROM test_observed_events ORDER BY id", null, ct))
                .Select(r => new ObservedEvent(r.Phase, r.EventId, r.Name, JsonSerializer.Deserialize<JsonElement>(r.Payload), r.Actor))))
            .RequirePermission(Permissions.ManageTestNotes);

    public sealed record ObservedEvent(string Phase, string EventId, string Name, JsonElement Payload, string Actor);

    private sealed record ObservedRow
    {
        public string Phase { get; init; } = "";
        public string EventId { get; init; } = "";
        public string Name { get; init; } = "";
        public string Payload { get; init; } = "";
        public string Actor { get; init; } = "";
    }

    internal static Task LogAsync(IUnitOfWork unitOfWork, string phase, DomainEventEnvelope e, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync("INSERT INTO test_observed_events (phase, event_id, name, payload, actor) VALUES (@phase, @id, @name, @payload, @actor)",
            new { phase, id = e.Id.ToString(), name = e.Name, payload = e.Payload.GetRawText(), actor = $"{e.Actor.Kind} {e.Actor.UserName}".Trim() },
            cancellationToken);
}

/// <summary>Logs each event inside its transaction: the row commits or rolls back with the change.</summary>
public sealed class InTransactionEventLog(IUnitOfWork unitOfWork) : IDomainEventObserver
{
    public Task OnEventAsync(DomainEventEnvelope domainEvent, CancellationToken cancellationToken) =>
        ObserversStartup.LogAsync(unitOfWork, ObserversStartup.InTransaction, domainEvent, cancellationToken);
}

/// <summary>Logs each event after commit, in the outbox's unit of work (the one it injects).</summary>
public sealed class CommittedEventLog(IUnitOfWork unitOfWork) : ICommittedEventObserver
{
    public Task OnCommittedEventAsync(DomainEventEnvelope domainEvent, CancellationToken cancellationToken) =>
        ObserversStartup.LogAsync(unitOfWork, ObserversStartup.Committed, domainEvent, cancellationToken);
}
