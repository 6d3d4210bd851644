using ErpCrm.Data;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ErpCrm.Core.Tenants;

/// <summary>
/// <see cref="ITenantBackgroundWork"/> on <see cref="TenantScopeFactory"/>. The caller's user travels in a request-less
/// <see cref="HttpContext"/> set in the work's own async flow, because the content authorizer reads the user from there
/// (no context would make the work the system, which may do everything).
/// </summary>
internal sealed class TenantBackgroundWork(TenantAccessor tenant, IHttpContextAccessor http, TenantScopeFactory scopes, IHostApplicationLifetime lifetime)
    : ITenantBackgroundWork
{
    public Task<T> Start<T>(Func<IServiceProvider, CancellationToken, Task<T>> work)
    {
        var target = tenant.Tenant;
        var user = http.HttpContext?.User;
        var stopping = lifetime.ApplicationStopping;
        // The request's async locals (its HttpContext above all) must not follow the work past the response.
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(() => RunAsync(target, user, work, stopping));
        }
    }

    private async Task<T> RunAsync<T>(TenantInfo target, System.Security.Claims.ClaimsPrincipal? user,
        Func<IServiceProvider, CancellationToken, Task<T>> work, CancellationToken stopping)
    {
        await using var scope = await scopes.CreateAsync(target, stopping);
        var services = scope.ServiceProvider;
        if (user is not null)
        {
            http.HttpContext = new DefaultHttpContext { User = user, RequestServices = services };
        }
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
        finally
        {
            http.HttpContext = null;
        }
    }
}
