using System.Collections.Concurrent;

namespace ErpCrm.Core.Modules;

/// <summary>
/// Which features each module-registered implementation type needs. Filled while startups register their
/// services (and, for factory registrations, when the factory first runs); read by
/// <see cref="FeatureServices{T}"/> to drop implementations of disabled features. Types the kernel registers
/// itself are not in the map and are always on.
/// </summary>
public sealed class ServiceFeatureMap
{
    private readonly ConcurrentDictionary<Type, IReadOnlyList<string>> _requirements = new();

    internal void Add(Type implementationType, IReadOnlyList<string> features) => _requirements.TryAdd(implementationType, features);

    public IReadOnlyList<string> RequirementsOf(Type implementationType) => _requirements.GetValueOrDefault(implementationType) ?? [];

    public bool IsEnabled(Type implementationType, IReadOnlySet<string> enabled) =>
        !_requirements.TryGetValue(implementationType, out var features) || features.All(enabled.Contains);
}
