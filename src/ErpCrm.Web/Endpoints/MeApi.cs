using ErpCrm.Core.Identity;
using ErpCrm.Core.Tenants;
using ErpCrm.Http;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Web.Endpoints;

/// <summary>Who the caller is: open to every signed-in user, whatever they hold.</summary>
internal static class MeApi
{
    public sealed record MeDto(long Id, string UserName, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions, string Tenant);

    public static void MapMeApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/me", GetAsync)
            .RequireAnySignedInUser()
            .WithKernelTag("Me")
            .WithName("GetMe")
            .WithSummary("The signed-in caller: roles, permissions, tenant");

    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> GetAsync(
        ICurrentActor actor, UserStore users, PermissionCatalog catalog, TenantAccessor tenant, CancellationToken ct)
    {
        var id = actor.Actor.SignedInUserId();
        if (await users.FindByIdAsync(id, ct) is not { } user)
        {
            return ApiResults.NotFound("Your account was deleted meanwhile.");
        }
        // What the caller can do now: the permissions of the enabled features that their roles grant.
        var declared = await catalog.NamesAsync(ct);
        var held = await users.PermissionsOfAsync(id, declared, ct);
        return TypedResults.Ok(new MeDto(user.Id, user.UserName, user.Email, user.DisplayName,
            await users.RolesOfAsync(id, ct), declared.Where(held.Contains).ToList(), tenant.Tenant.Name));
    }
}
