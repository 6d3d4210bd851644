using ErpCrm.Core.Identity;
using ErpCrm.Core.Tenants;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// Tells the request's unit of work who acts (<see cref="ICurrentActor"/>): the user signed in to the request's tenant, or
/// an anonymous visitor. Runs after authentication; the only place that turns a request's principal into an actor.
/// </summary>
public sealed class CurrentActorMiddleware(RequestDelegate next)
{
    /// <summary>
    /// The anonymous actor of the address seen last: most requests come from the few addresses a host sees (a proxy, a client's
    /// connections), and an actor is immutable, so it serves the next request from that address as well as a new one would.
    /// </summary>
    private Actor _lastAnonymous = Actor.Anonymous;

    public Task InvokeAsync(HttpContext context, TenantAccessor tenant, CurrentActor actor)
    {
        // Read through the features: the same values as context.Connection and context.User, without creating them per request.
        var address = context.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress?.ToString();
        // No user yet means authentication did not run (the request carried no credential): the anonymous principal, which names no user.
        var user = context.Features.Get<IHttpAuthenticationFeature>()?.User;
        actor.Set(tenant.HasTenant && user is not null ? UserPrincipal.ActorIn(user, tenant.Tenant.Name, address) : Anonymous(address));
        return next(context);
    }

    private Actor Anonymous(string? address)
    {
        var last = _lastAnonymous;
        if (last.Address == address)
        {
            return last;
        }
        return _lastAnonymous = Actor.Anonymous with { Address = address };
    }
}
