using ErpCrm.Core.Tenants;
using ErpCrm.Modules;
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
        if (endpoint.Metadata.GetMetadata<DefaultTenantOnlyMetadata>() is not null && !(tenant.HasTenant && tenant.Tenant.IsDefault))
        {
            return Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
        }
        var requirements = endpoint.Metadata.GetOrderedMetadata<RequiresFeaturesMetadata>();
        if (requirements is { Count: > 0 })
        {
            var enabled = tenant.HasTenant ? tenant.Features.Enabled : null;
            foreach (var requirement in requirements)
            {
                foreach (var feature in requirement.FeatureIds)
                {
                    if (enabled is null || !enabled.Contains(feature))
                    {
                        return Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
                    }
                }
            }
        }
        return next(context);
    }
}
