using System.Collections.Concurrent;
using System.Text.Json;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.Extensions.Logging;

namespace ErpCrm.Core.Events;

/// <summary>
/// Hands a raised domain event to the non-generic observers: the in-transaction ones at once, the committed ones through the
/// outbox, written in the same transaction so that they see the event if and only if it commits. Costs nothing (no
/// serialisation, no outbox row) while no observer of either kind is on for the tenant.
/// </summary>
internal sealed class DomainEventObservation(
    DomainEventRegistry registry,
    UndeclaredEventWarnings warnings,
    IFeatureServices<IDomainEventObserver> observers,
    IFeatureServices<ICommittedEventObserver> committedObservers,
    TenantAccessor tenant,
    ICurrentActor actor,
    IUnitOfWork unitOfWork,
    TimeProvider clock,
    ILogger<DomainEventObservation> logger)
{
    public async Task ObserveAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var committed = committedObservers.Any();
        if (!committed && !observers.Any())
        {
            return;
        }
        var type = domainEvent.GetType();
        if (registry.Find(type) is not { } entry)
        {
            if (warnings.First(type))
            {
                logger.LogWarning("The domain event {Type} is not declared (AddDomainEvent), so observers do not see it.", type.FullName);
            }
            return;
        }
        var now = clock.GetUtcNow();
        var envelope = new DomainEventEnvelope(Guid.CreateVersion7(now), entry.Descriptor.Name,
            JsonSerializer.SerializeToElement(domainEvent, type, DomainEventJson.Options), now, tenant.Tenant.Name, actor.Actor);
        foreach (var observer in observers)
        {
            await observer.OnEventAsync(envelope, cancellationToken);
        }
        if (committed)
        {
            await unitOfWork.EnqueueAsync(DomainEventJson.Topic, JsonSerializer.SerializeToElement(envelope, DomainEventJson.Options), cancellationToken);
        }
    }
}

/// <summary>Remembers which undeclared event types were already reported, so that the log says it once per type.</summary>
internal sealed class UndeclaredEventWarnings
{
    private readonly ConcurrentDictionary<Type, bool> _reported = new();

    public bool First(Type type) => _reported.TryAdd(type, true);
}
