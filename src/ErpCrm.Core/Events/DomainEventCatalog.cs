using ErpCrm.Core.Tenants;
using ErpCrm.Data;

namespace ErpCrm.Core.Events;

/// <summary>The declared events whose features are on for the current tenant.</summary>
internal sealed class DomainEventCatalog(DomainEventRegistry registry, TenantAccessor tenant) : IDomainEventCatalog
{
    public IReadOnlyList<DomainEventDescriptor> List() =>
        registry.All.Select(e => e.Descriptor).Where(IsOn).ToList();

    public DomainEventDescriptor? Find(string name) =>
        registry.Find(name)?.Descriptor is { } descriptor && IsOn(descriptor) ? descriptor : null;

    private bool IsOn(DomainEventDescriptor descriptor) =>
        descriptor.Features.All(tenant.Features.Enabled.Contains);
}
