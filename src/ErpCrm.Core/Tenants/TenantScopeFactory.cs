using ErpCrm.Core.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Tenants;

/// <summary>Creates a service scope bound to one tenant, for commands and background work.</summary>
public sealed class TenantScopeFactory(IServiceScopeFactory scopes, TenantRegistry tenants, FeatureStateCache features)
{
    public async Task<AsyncServiceScope> CreateAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var snapshot = tenant.State is TenantState.Running or TenantState.Initializing
                ? await features.GetAsync(tenant, cancellationToken)
                : new FeatureSnapshot(0, new HashSet<string>());
            scope.ServiceProvider.GetRequiredService<TenantAccessor>().Set(tenant, tenants.DatabaseOf(tenant), snapshot);
            return scope;
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }
}
