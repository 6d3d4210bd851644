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

    public Task InvokeAsync(HttpContext context, TenantAccessor accessor)
    {
        // Once the tenant list and the tenant's features are cached (nearly every request), nothing here waits: no state machine.
        var routes = registry.GetRoutesAsync(context.RequestAborted);
        if (!routes.IsCompletedSuccessfully)
        {
            return ResolveAsync(context, accessor, routes);
        }
        var tenant = Resolve(context, routes.Result);
        if (tenant is { State: TenantState.Running })
        {
            var enabled = features.GetAsync(tenant, context.RequestAborted);
            if (!enabled.IsCompletedSuccessfully)
            {
                return RunAsync(context, accessor, tenant, enabled);
            }
            accessor.Set(tenant, registry.DatabaseOf(tenant), enabled.Result, request: true);
            return next(context);
        }
        return NotRunningAsync(context, tenant);
    }

    private async Task ResolveAsync(HttpContext context, TenantAccessor accessor, ValueTask<TenantRoutes> routes)
    {
        var tenant = Resolve(context, await routes);
        if (tenant is { State: TenantState.Running })
        {
            await RunAsync(context, accessor, tenant, features.GetAsync(tenant, context.RequestAborted));
            return;
        }
        await NotRunningAsync(context, tenant);
    }

    private async Task RunAsync(HttpContext context, TenantAccessor accessor, TenantInfo tenant, ValueTask<FeatureSnapshot> enabled)
    {
        accessor.Set(tenant, registry.DatabaseOf(tenant), await enabled, request: true);
        await next(context);
    }

    private async Task NotRunningAsync(HttpContext context, TenantInfo? tenant)
    {
        if (tenant is { IsDefault: true, State: TenantState.Uninitialized or TenantState.Initializing })
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
        // Reading the host name allocates it: asked only when some tenant claims one.
        if (routes.HasHosts && routes.FindByHost(context.Request.Host.Host, context.Request.Host.Value) is { } byHost)
        {
            return byHost;
        }

        var path = context.Request.Path.Value ?? "";
        var segmentEnd = path.Length > 1 ? path.IndexOf('/', 1) : -1;
        // Looked up by span: a request whose first segment names no tenant (the Default tenant's) allocates nothing here.
        var first = segmentEnd < 0 ? path.AsSpan().TrimStart('/') : path.AsSpan(1, segmentEnd - 1);
        if (first.Length > 0 && routes.FindByPrefix(first) is { } byPrefix)
        {
            context.Request.PathBase = context.Request.PathBase.Add(string.Concat("/", first));
            context.Request.Path = segmentEnd < 0 ? PathString.Empty : new PathString(path[segmentEnd..]);
            return byPrefix;
        }
        return routes.Default;
    }

    private static Task NotFound(HttpContext context) =>
        Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
}
