using System.Collections;
using ErpCrm.Core.Tenants;
using ErpCrm.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Modules;

/// <summary>The kernel's feature-filtered enumeration of an extension point for the current tenant.</summary>
internal sealed class FeatureServices<T>(IServiceProvider services, TenantAccessor tenant, ServiceFeatureMap map) : IFeatureServices<T>
    where T : class
{
    private List<T>? _items;

    public IEnumerator<T> GetEnumerator()
    {
        _items ??= services.GetServices<T>()
            .Where(item => map.IsEnabled(item.GetType(), tenant.Features.Enabled))
            .ToList();
        return _items.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
