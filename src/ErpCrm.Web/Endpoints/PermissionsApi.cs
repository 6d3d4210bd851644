using ErpCrm.Core.Identity;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Web.Endpoints;

/// <summary>The permissions the tenant's enabled features declare, grouped as the permission grid shows them.</summary>
internal static class PermissionsApi
{
    public sealed record PermissionDto(string Name, string Description);

    public sealed record PermissionGroupDto(string Group, IReadOnlyList<PermissionDto> Permissions);

    public static void MapPermissionsApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/permissions", List)
            .RequirePermission(KernelPermissions.ManageRoles)
            .WithKernelTag("Roles")
            .WithName("ListPermissions")
            .WithSummary("The permissions the tenant's enabled features declare, by group");

    private static async Task<Ok<List<PermissionGroupDto>>> List(PermissionCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok((await catalog.ListAsync(ct))
            .GroupBy(p => p.Group, StringComparer.OrdinalIgnoreCase)
            .Select(g => new PermissionGroupDto(g.First().Group, g.Select(p => new PermissionDto(p.Permission.Name, p.Permission.Description)).ToList()))
            .ToList());
}
