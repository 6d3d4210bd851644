using ErpCrm.Core.Identity;
using ErpCrm.Core.Tenants;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// Tells the request's unit of work who acts (<see cref="ICurrentActor"/>): the user signed in to the request's tenant, or
/// an anonymous visitor. Runs after authentication; the only place that turns a request's principal into an actor.
/// </summary>
public sealed class CurrentActorMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantAccessor tenant, CurrentActor actor)
    {
        var address = context.Connection.RemoteIpAddress?.ToString();
        actor.Set(tenant.HasTenant ? UserPrincipal.ActorIn(context.User, tenant.Tenant.Name, address) : Actor.Anonymous with { Address = address });
        return next(context);
    }
}
