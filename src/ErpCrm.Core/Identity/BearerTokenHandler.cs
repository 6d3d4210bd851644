using System.Security.Claims;
using System.Text.Encodings.Web;
using ErpCrm.Core.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Identity;

/// <summary>Authenticates API calls by a personal access token of the request's tenant (<c>Authorization: Bearer erp_…</c>).</summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var tenant = Context.RequestServices.GetRequiredService<TenantAccessor>();
        if (!tenant.HasTenant)
        {
            return AuthenticateResult.NoResult();
        }
        var token = header["Bearer ".Length..].Trim();
        var user = await Context.RequestServices.GetRequiredService<ApiTokenService>().FindUserAsync(token, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("The bearer token is not valid for this tenant, or it was revoked.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(UserPrincipal.Create(user, tenant.Tenant.Name, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var result = await HandleAuthenticateOnceSafeAsync();
        await Results.Problem(
            title: "Authentication required",
            detail: result.Failure?.Message ?? "Send 'Authorization: Bearer <token>' with a token from 'tokens create' or the My tokens page.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(title: "Forbidden", detail: "You do not have the permission this needs.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
}
