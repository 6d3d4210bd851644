using ErpCrm.Core.Tenants;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// Answers 404 for a path without an endpoint, for an endpoint whose features are not all on for the request's tenant, and for
/// a Default-tenant-only endpoint (<see cref="DefaultTenantOnlyMetadata"/>) in another tenant. Runs after routing, so
/// switching a feature changes what a tenant sees at once, without a restart or a rebuilt container.
/// </summary>
public sealed class FeatureGateMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantAccessor tenant)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            // Nothing here: say so, rather than letting the fallback authorization policy answer 401.
            return Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
        }
        var traits = EndpointTraits.Of(endpoint);
        if (traits.DefaultTenantOnly && !(tenant.HasTenant && tenant.Tenant.IsDefault))
        {
            return Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
        }
        var required = traits.RequiredFeatures;
        if (required.Count > 0)
        {
            var enabled = tenant.HasTenant ? tenant.Features.Enabled : null;
            // An index loop: a foreach over the interface would allocate an enumerator on every request.
            for (var i = 0; i < required.Count; i++)
            {
                if (enabled is null || !enabled.Contains(required[i]))
                {
                    return Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
                }
            }
        }
        return next(context);
    }
}
