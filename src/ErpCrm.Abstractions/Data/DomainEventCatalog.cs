using System.Text.Json;
using System.Text.RegularExpressions;

namespace ErpCrm.Data;

/// <summary>
/// A module's declaration that it raises <see cref="EventType"/> under a stable <see cref="Name"/>. Made by
/// <c>services.AddDomainEvent&lt;TEvent&gt;(name, description)</c> in the startup of the feature that raises the event.
/// </summary>
public abstract partial class DomainEventDeclaration
{
    private protected DomainEventDeclaration(string name, string description)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"A domain event's name is 'Module.EventName' in Pascal case (e.g. 'Leads.LeadCreated'), not '{name}'.", nameof(name));
        }
        if (string.IsNullOrWhiteSpace(description))
        {
            throw new ArgumentException($"Domain event '{name}' needs a description: the workflow designer shows it.", nameof(description));
        }
        Name = name;
        Description = description;
    }

    /// <summary>The stable name, <c>Module.EventName</c>; observers and stored workflows refer to it, so never change it.</summary>
    public string Name { get; }

    /// <summary>What happened, in a sentence an admin reads.</summary>
    public string Description { get; }

    /// <summary>The event's record type.</summary>
    public abstract Type EventType { get; }

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*(\\.[A-Z][A-Za-z0-9]*)+$")]
    private static partial Regex NamePattern();
}

/// <summary>The declaration of <typeparamref name="TEvent"/>: one type per event, so that the kernel knows which feature declares it.</summary>
public sealed class DomainEventDeclaration<TEvent>(string name, string description) : DomainEventDeclaration(name, description)
    where TEvent : IDomainEvent
{
    /// <inheritdoc/>
    public override Type EventType => typeof(TEvent);
}

/// <summary>A declared domain event, as the catalog lists it.</summary>
/// <param name="Name">The stable name, e.g. <c>Ledger.EntryPosted</c>.</param>
/// <param name="Description">What happened.</param>
/// <param name="Features">The features that declare it (and must be on for it to be raised and listed); empty for the kernel's.</param>
/// <param name="Schema">The JSON schema of <see cref="DomainEventEnvelope.Payload"/>, derived from the C# record.</param>
public sealed record DomainEventDescriptor(string Name, string Description, IReadOnlyList<string> Features, JsonElement Schema);

/// <summary>
/// The domain events the current tenant's enabled features declare, so that a workflow designer can offer them and code can
/// check a name it was given. Every event a module raises should be declared; one that is not reaches its typed handlers only.
/// </summary>
public interface IDomainEventCatalog
{
    /// <summary>The declared events of the enabled features, by name.</summary>
    IReadOnlyList<DomainEventDescriptor> List();

    /// <summary>The declared event called <paramref name="name"/> (ordinal, case-sensitive) if its features are on, else null.</summary>
    DomainEventDescriptor? Find(string name);
}
