using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Web.Endpoints;

/// <summary>
/// The caller's own API tokens ("My tokens"). A new token is in the answer once and never again; no Idempotency-Key
/// here, since replaying that answer would mean keeping the token in clear.
/// </summary>
internal static class TokensApi
{
    public sealed record TokenDto(long Id, string Name, string CreatedUtc, string? LastUsedUtc, bool Revoked, string? RevokedUtc);

    public sealed record TokenCreateRequest(string? Name);

    public sealed record CreatedTokenDto(long Id, string Name, string CreatedUtc, string Token);

    public static void MapTokensApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiGroup("/api/me/tokens", KernelPermissions.ManageOwnApiTokens, "My tokens");
        api.MapGet("", async (ICurrentActor actor, ApiTokenService tokens, CancellationToken ct) =>
            TypedResults.Ok((await tokens.ListAsync(actor.Actor.SignedInUserId(), ct)).Select(ToDto).ToList()))
            .WithName("ListMyTokens").WithSummary("The caller's personal API tokens (never the tokens themselves)");
        api.MapPost("", CreateAsync).WithName("CreateMyToken").WithSummary("Creates a personal API token, shown in this answer only");
        api.MapDelete("/{id:long}", async (long id, ICurrentActor actor, ApiTokenService tokens, CancellationToken ct) =>
            ApiResults.Answer(await tokens.RevokeAsync(actor.Actor.SignedInUserId(), id, ct), _ => TypedResults.NoContent()))
            .WithName("RevokeMyToken").WithSummary("Revokes one of the caller's tokens");
    }

    private static async Task<Results<Created<CreatedTokenDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        TokenCreateRequest? request, HttpContext http, ICurrentActor actor, ApiTokenService tokens, CancellationToken ct) =>
        ApiResults.Answer(await tokens.IssueAsync(actor.Actor.SignedInUserId(), request?.Name, ct), issued => TypedResults.Created(
            $"{http.Request.PathBase}/api/me/tokens/{issued.Info.Id}",
            new CreatedTokenDto(issued.Info.Id, issued.Info.Name, issued.Info.CreatedUtc, issued.Token)));

    private static TokenDto ToDto(ApiTokenInfo token) =>
        new(token.Id, token.Name, token.CreatedUtc, token.LastUsedUtc, token.RevokedUtc is not null, token.RevokedUtc);
}
