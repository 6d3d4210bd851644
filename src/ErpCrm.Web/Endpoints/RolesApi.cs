using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Web.Endpoints;

/// <summary>The tenant's roles and the permissions they grant, over HTTP.</summary>
internal static class RolesApi
{
    public sealed record RoleDto(string Name, string Description, IReadOnlyList<string> Permissions, int UserCount);

    public static void MapRolesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiGroup("/api/roles", KernelPermissions.ManageRoles, "Roles");
        api.MapGet("", async (RoleStore roles, CancellationToken ct) => TypedResults.Ok((await roles.ListAsync(ct)).Select(ToDto).ToList()))
            .WithName("ListRoles").WithSummary("The tenant's roles and the permissions they grant");
        api.MapGet("/{name}", GetAsync).WithName("GetRole").WithSummary("A role");
        api.MapPost("", CreateAsync).AcceptIdempotencyKey().WithName("CreateRole").WithSummary("Creates a role (only with permissions the caller holds)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{name}", async (string name, RoleRequest? request, RoleService roles, CancellationToken ct) =>
            ApiResults.Answer(await roles.UpdateAsync(name, request ?? RoleRequest.Empty, ct), role => TypedResults.Ok(ToDto(role))))
            .WithName("UpdateRole").WithSummary("Changes a role's description and permissions");
        api.MapDelete("/{name}", async (string name, RoleService roles, CancellationToken ct) =>
            ApiResults.Answer(await roles.DeleteAsync(name, ct), _ => TypedResults.NoContent()))
            .WithName("DeleteRole").WithSummary("Deletes a role");
    }

    private static async Task<Results<Ok<RoleDto>, ProblemHttpResult>> GetAsync(string name, RoleStore roles, CancellationToken ct) =>
        await roles.FindAsync(name, ct) is { } role ? TypedResults.Ok(ToDto(role)) : ApiResults.NotFound($"There is no role '{name}'.");

    private static async Task<Results<Created<RoleDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        RoleRequest? request, HttpContext http, RoleService roles, CancellationToken ct) =>
        ApiResults.Answer(await roles.CreateAsync(request ?? RoleRequest.Empty, ct),
            role => TypedResults.Created($"{http.Request.PathBase}/api/roles/{Uri.EscapeDataString(role.Name)}", ToDto(role)));

    private static RoleDto ToDto(RoleRecord role) => new(role.Name, role.Description, role.Permissions, role.UserCount);
}
