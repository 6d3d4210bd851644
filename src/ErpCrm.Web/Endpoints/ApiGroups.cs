using ErpCrm.Core.Hosting;
using ErpCrm.Security;

namespace ErpCrm.Web.Endpoints;

/// <summary>The one way the host's APIs open a route group: a permission, the unit of work, a tag in the API reference.</summary>
internal static class ApiGroups
{
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder endpoints, string prefix, Permission permission, string tag) =>
        endpoints.MapGroup(prefix)
            .RequirePermission(permission)
            .AddEndpointFilter<UnitOfWorkFilter>()
            .WithTags(tag);
}
