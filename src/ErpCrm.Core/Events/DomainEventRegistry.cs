using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Schema;
using ErpCrm.Core.Modules;
using ErpCrm.Data;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Events;

/// <summary>
/// Every domain event the kernel and the modules declare, whatever the tenant: its stable name, its type, the features that
/// declare it and its payload's JSON schema. Built once at start from the <see cref="DomainEventDeclaration"/>s the startups
/// registered; a name or a type declared twice stops the host from starting, so that names stay unique and stable.
/// </summary>
public sealed class DomainEventRegistry
{
    /// <summary>A declared event with its type, which only the kernel sees (observers know events by name).</summary>
    public sealed record Entry(DomainEventDescriptor Descriptor, Type EventType);

    private readonly FrozenDictionary<Type, Entry> _byType;
    private readonly FrozenDictionary<string, Entry> _byName;

    private DomainEventRegistry(IReadOnlyList<Entry> entries)
    {
        All = entries.OrderBy(e => e.Descriptor.Name, StringComparer.Ordinal).ToList();
        _byType = entries.ToFrozenDictionary(e => e.EventType);
        _byName = entries.ToFrozenDictionary(e => e.Descriptor.Name, StringComparer.Ordinal);
    }

    /// <summary>Every declared event, by name.</summary>
    public IReadOnlyList<Entry> All { get; }

    /// <summary>The declaration of an event type, or null when no feature declared it.</summary>
    public Entry? Find(Type eventType) => _byType.GetValueOrDefault(eventType);

    /// <summary>The declaration called <paramref name="name"/>, or null.</summary>
    public Entry? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// Reads the declarations registered in <paramref name="services"/> (after every startup registered its services, so that
    /// <paramref name="map"/> knows each declaration's features).
    /// </summary>
    public static DomainEventRegistry Build(IServiceCollection services, ServiceFeatureMap map)
    {
        var declarations = services
            .Where(s => s.ServiceType == typeof(DomainEventDeclaration) && !s.IsKeyedService)
            .Select(s => s.ImplementationInstance as DomainEventDeclaration
                ?? throw new InvalidOperationException("Declare domain events with AddDomainEvent<TEvent>(name, description)."))
            .ToList();
        var problems = declarations.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"The domain event name '{g.Key}' is declared for {string.Join(" and ", g.Select(d => d.EventType.FullName))}.")
            .Concat(declarations.GroupBy(d => d.EventType).Where(g => g.Count() > 1)
                .Select(g => $"The domain event {g.Key.FullName} is declared as {string.Join(" and ", g.Select(d => d.Name))}."))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }
        return new DomainEventRegistry(declarations
            .Select(d => new Entry(new DomainEventDescriptor(d.Name, d.Description, map.RequirementsOf(d.GetType()), SchemaOf(d.EventType)), d.EventType))
            .ToList());
    }

    private static JsonElement SchemaOf(Type eventType) =>
        JsonSerializer.SerializeToElement(JsonSchemaExporter.GetJsonSchemaAsNode(DomainEventJson.Options, eventType,
            new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true }));
}
