using ErpCrm.Web.Hosting;

namespace ErpCrm.Web.Endpoints;

internal static class HealthEndpoint
{
    /// <summary>
    /// <c>GET /health</c>: 200 once the host database is ready, 503 before. Public, and answered before tenant
    /// resolution, so that a load balancer can probe any node.
    /// </summary>
    public static void MapHealth(this WebApplication app) =>
        app.Map("/health", branch => branch.Run(context =>
        {
            var ready = context.RequestServices.GetRequiredService<HostReadiness>().IsReady;
            context.Response.Headers.CacheControl = "no-store";
            return (ready
                ? Results.Ok(new { status = "ready" })
                : Results.Json(new { status = "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable)).ExecuteAsync(context);
        }));
}
