using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Security;
using ErpCrm.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ErpCrm.Core.Shell;

/// <summary>
/// <see cref="ITenantBackgroundWork"/> on <see cref="TenantScopeFactory"/>: the work runs in a scope of its own in which the
/// caller who started it acts (<see cref="ICurrentActor"/>), so it may do exactly what that caller may.
/// </summary>
internal sealed class TenantBackgroundWork(TenantAccessor tenant, ICurrentActor actor, TenantScopeFactory scopes, IHostApplicationLifetime lifetime)
    : ITenantBackgroundWork
{
    public Task<T> Start<T>(Func<IServiceProvider, CancellationToken, Task<T>> work)
    {
        var target = tenant.Tenant;
        var startedBy = actor.Actor;
        var stopping = lifetime.ApplicationStopping;
        // The request's async locals must not follow the work past the response.
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(() => RunAsync(target, startedBy, work, stopping));
        }
    }

    private async Task<T> RunAsync<T>(TenantInfo target, Actor startedBy, Func<IServiceProvider, CancellationToken, Task<T>> work, CancellationToken stopping)
    {
        await using var scope = await scopes.CreateAsync(target, stopping, startedBy);
        var services = scope.ServiceProvider;
        var unitOfWork = services.GetRequiredService<IUnitOfWork>();
        try
        {
            var result = await work(services, stopping);
            await unitOfWork.CommitAsync(stopping);
            return result;
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }
    }
}
