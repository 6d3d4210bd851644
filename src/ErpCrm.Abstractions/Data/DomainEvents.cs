namespace ErpCrm.Data;

/// <summary>A fact a module announces to others, e.g. <c>LeadConverted</c>. Handled inside the transaction.</summary>
public interface IDomainEvent
{
}

/// <summary>
/// Handles a domain event inside the transaction that raised it. Register in a startup; it runs only for
/// tenants where its feature is on. Throwing rolls the whole unit of work back.
/// </summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    /// <summary>Handles the event.</summary>
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}
