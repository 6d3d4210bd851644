using ErpCrm.Core.Features;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// Resolves the request's tenant: by host name, else by the first path segment (a URL prefix, moved into
/// <c>PathBase</c>), else the Default tenant. A running tenant is bound to the request's scope with its enabled
/// features; the Default tenant before setup answers only its setup page; any other tenant that is not running
/// answers 404.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, TenantRegistry registry, FeatureStateCache features)
{
    /// <summary>Set in <see cref="HttpContext.Items"/> while the Default tenant awaits setup.</summary>
    public const string SetupPendingKey = "erp:setup-pending";

    public const string SetupPath = "/setup";

    public async Task InvokeAsync(HttpContext context, TenantAccessor accessor)
    {
        var routes = await registry.GetRoutesAsync(context.RequestAborted);
        var tenant = Resolve(context, routes);
        if (tenant is null)
        {
            await NotFound(context);
            return;
        }

        if (tenant.State == TenantState.Running)
        {
            accessor.Set(tenant, registry.DatabaseOf(tenant), await features.GetAsync(tenant, context.RequestAborted));
            await next(context);
            return;
        }

        if (tenant.IsDefault && tenant.State is TenantState.Uninitialized or TenantState.Initializing)
        {
            context.Items[SetupPendingKey] = tenant;
            if (context.Request.Path.StartsWithSegments(SetupPath))
            {
                await next(context);
            }
            else if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.Redirect(context.Request.PathBase + SetupPath);
            }
            else
            {
                await Results.Problem(title: "Not set up", detail: "This site is not set up yet: open /setup in a browser, or run the 'setup' command.",
                    statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            }
            return;
        }
        await NotFound(context);
    }

    private static TenantInfo? Resolve(HttpContext context, TenantRoutes routes)
    {
        if (routes.FindByHost(context.Request.Host.Host, context.Request.Host.Value) is { } byHost)
        {
            return byHost;
        }

        var path = context.Request.Path.Value ?? "";
        var segmentEnd = path.IndexOf('/', 1);
        var first = segmentEnd < 0 ? path.TrimStart('/') : path[1..segmentEnd];
        if (first.Length > 0 && routes.FindByPrefix(first) is { } byPrefix)
        {
            context.Request.PathBase = context.Request.PathBase.Add("/" + first);
            context.Request.Path = segmentEnd < 0 ? PathString.Empty : new PathString(path[segmentEnd..]);
            return byPrefix;
        }
        return routes.Default;
    }

    private static Task NotFound(HttpContext context) =>
        Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
}
