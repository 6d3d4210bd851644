using ErpCrm.Core.Identity;
using ErpCrm.Core.Tenants;
using ErpCrm.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Shell;

/// <summary>Creates a service scope bound to one tenant, for commands and background work.</summary>
public sealed class TenantScopeFactory(IServiceScopeFactory scopes, TenantRegistry tenants, FeatureStateCache features)
{
    /// <summary>
    /// A scope bound to <paramref name="tenant"/> in which <paramref name="actor"/> acts: the user who started the work (a
    /// recipe run, an import), or the system (a command, setup, background work nobody started) when null.
    /// </summary>
    public async Task<AsyncServiceScope> CreateAsync(TenantInfo tenant, CancellationToken cancellationToken, Actor? actor = null)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var snapshot = tenant.State is TenantState.Running or TenantState.Initializing
                ? await features.GetAsync(tenant, cancellationToken)
                : FeatureSnapshot.None;
            scope.ServiceProvider.GetRequiredService<TenantAccessor>().Set(tenant, tenants.DatabaseOf(tenant), snapshot);
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(actor ?? Actor.System);
            return scope;
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }
}
