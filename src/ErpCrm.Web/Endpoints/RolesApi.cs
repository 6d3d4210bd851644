using ErpCrm.Core.Hosting;
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
        api.MapGet("", async (RoleStore roles, CancellationToken ct) => TypedResults.Ok((await roles.ListAsync(ct)).Select(ToDto).ToList()));
        api.MapGet("/{name}", GetAsync);
        api.MapPost("", CreateAsync).AddEndpointFilter<IdempotencyFilter>();
        api.MapPut("/{name}", async (string name, RoleRequest? request, RoleService roles, CancellationToken ct) =>
            ApiResults.Answer(await roles.UpdateAsync(name, request ?? RoleRequest.Empty, ct), role => TypedResults.Ok(ToDto(role))));
        api.MapDelete("/{name}", async (string name, RoleService roles, CancellationToken ct) =>
            ApiResults.Answer(await roles.DeleteAsync(name, ct), _ => TypedResults.NoContent()));
    }

    private static async Task<Results<Ok<RoleDto>, ProblemHttpResult>> GetAsync(string name, RoleStore roles, CancellationToken ct) =>
        await roles.FindAsync(name, ct) is { } role ? TypedResults.Ok(ToDto(role)) : ApiResults.NotFound($"There is no role '{name}'.");

    private static async Task<Results<Created<RoleDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        RoleRequest? request, HttpContext http, RoleService roles, CancellationToken ct) =>
        ApiResults.Answer(await roles.CreateAsync(request ?? RoleRequest.Empty, ct),
            role => TypedResults.Created($"{http.Request.PathBase}/api/roles/{Uri.EscapeDataString(role.Name)}", ToDto(role)));

    private static RoleDto ToDto(RoleRecord role) => new(role.Name, role.Description, role.Permissions, role.UserCount);
}
