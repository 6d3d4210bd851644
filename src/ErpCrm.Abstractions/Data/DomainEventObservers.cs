using System.Text.Json;
using ErpCrm.Security;

namespace ErpCrm.Data;

/// <summary>
/// A domain event as code that does not know its C# type sees it (a workflow, a webhook, an audit trail): the name its module
/// declared, and the event as JSON.
/// </summary>
/// <param name="Id">Unique per raised event, and the same in the transaction and after commit: the key that makes work done
/// for an event idempotent (a workflow started once per event, a webhook sent once).</param>
/// <param name="Name">The stable name the module declared, e.g. <c>Leads.LeadCreated</c> (see <see cref="IDomainEventCatalog"/>).</param>
/// <param name="Payload">The event record serialised with camel-case property names (<c>{"leadId": "…", "stage": "New"}</c>),
/// the shape <see cref="DomainEventDescriptor.Schema"/> describes.</param>
/// <param name="OccurredAt">When it was raised (the host's clock).</param>
/// <param name="Tenant">The tenant whose unit of work raised it.</param>
/// <param name="Actor">Who acted in that unit of work (<see cref="ICurrentActor.Actor"/> when it was raised).</param>
public sealed record DomainEventEnvelope(Guid Id, string Name, JsonElement Payload, DateTimeOffset OccurredAt, string Tenant, Actor Actor);

/// <summary>
/// Sees every declared domain event raised in a unit of work, whatever its type, inside the transaction that raised it, right
/// after the event's typed <see cref="IDomainEventHandler{TEvent}"/>s. What it writes through <see cref="IUnitOfWork"/> commits
/// or rolls back with the change; throwing rolls the whole unit of work back (a veto). It never sees an event whose
/// unit of work rolls back later, but it runs before that is known: do nothing here that cannot be undone (e-mail, HTTP
/// calls) — use an <see cref="ICommittedEventObserver"/> for that. Register with <c>AddDomainEventObserver&lt;T&gt;()</c>; it
/// runs while its feature is on. An event it raises itself is observed too, so do not raise one for every event you see.
/// </summary>
public interface IDomainEventObserver
{
    /// <summary>Observes one event, inside its transaction.</summary>
    Task OnEventAsync(DomainEventEnvelope domainEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Sees every declared domain event after the unit of work that raised it committed — never one that rolled back. The event is
/// written to the outbox in the raising transaction (only while some committed observer is on), and the outbox worker hands it
/// to each observer at least once, in the observer's own unit of work (resolve <see cref="IUnitOfWork"/> as usual: it is
/// that unit of work), which also records that the observer is done: work in the tenant's database happens exactly once per
/// event and observer; effects outside it must be idempotent by <see cref="DomainEventEnvelope.Id"/>. Throwing leaves the
/// event for a retry with a growing delay. The unit of work acts as the system; <see cref="DomainEventEnvelope.Actor"/> says
/// who raised the event. Register with <c>AddCommittedEventObserver&lt;T&gt;()</c>; it runs while its feature is on.
/// </summary>
public interface ICommittedEventObserver
{
    /// <summary>Observes one committed event, in a unit of work of its own.</summary>
    Task OnCommittedEventAsync(DomainEventEnvelope domainEvent, CancellationToken cancellationToken);
}
