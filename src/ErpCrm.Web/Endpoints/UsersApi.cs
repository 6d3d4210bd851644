using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Web.Endpoints;

/// <summary>The tenant's users over HTTP. Password hashes and security stamps never leave the server.</summary>
internal static class UsersApi
{
    public sealed record UserDto(
        long Id, string UserName, string Email, string DisplayName, bool Enabled, string? LockedOutUntilUtc, string? LinkedContactId,
        IReadOnlyList<string> Roles, string CreatedUtc);

    public static void MapUsersApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiGroup("/api/users", KernelPermissions.ManageUsers, "Users");
        api.MapGet("", async (UserService users, CancellationToken ct) => TypedResults.Ok((await users.ListAsync(ct)).Select(ToDto).ToList()))
            .WithName("ListUsers").WithSummary("The tenant's users");
        api.MapGet("/{id:long}", GetAsync).WithName("GetUser").WithSummary("A user");
        api.MapPost("", CreateAsync).AcceptIdempotencyKey().WithName("CreateUser").WithSummary("Creates a user (only with roles the caller holds)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{id:long}", async (long id, UserUpdateRequest? request, UserService users, CancellationToken ct) =>
            ApiResults.Answer(await users.UpdateAsync(id, request ?? UserUpdateRequest.Empty, ct), user => TypedResults.Ok(ToDto(user))))
            .WithName("UpdateUser").WithSummary("Changes a user's email, name, state, contact, roles or password");
        api.MapDelete("/{id:long}", async (long id, UserService users, CancellationToken ct) =>
            ApiResults.Answer(await users.DeleteAsync(id, ct), _ => TypedResults.NoContent()))
            .WithName("DeleteUser").WithSummary("Deletes a user");
    }

    private static async Task<Results<Ok<UserDto>, ProblemHttpResult>> GetAsync(long id, UserService users, CancellationToken ct) =>
        await users.FindAsync(id, ct) is { } user ? TypedResults.Ok(ToDto(user)) : ApiResults.NotFound($"There is no user #{id}.");

    private static async Task<Results<Created<UserDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        UserCreateRequest? request, HttpContext http, UserService users, CancellationToken ct) =>
        ApiResults.Answer(await users.CreateAsync(request ?? UserCreateRequest.Empty, ct),
            user => TypedResults.Created($"{http.Request.PathBase}/api/users/{user.User.Id}", ToDto(user)));

    private static UserDto ToDto(UserDetails details)
    {
        var u = details.User;
        return new UserDto(u.Id, u.UserName, u.Email, u.DisplayName, u.Enabled, u.LockedOutUntilUtc, u.LinkedContactId, details.Roles, u.CreatedUtc);
    }
}
