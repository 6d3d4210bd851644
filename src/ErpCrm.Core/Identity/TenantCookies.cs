using ErpCrm.Core.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Identity;

/// <summary>
/// Keeps each tenant's sign-in cookie apart: the cookie's name carries the tenant's name, so signing in to one
/// tenant never signs anyone in to another, even under one host name.
/// </summary>
internal sealed class TenantCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager _inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        _inner.AppendResponseCookie(context, Name(context, key), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) => _inner.DeleteCookie(context, Name(context, key), options);

    private static string Name(HttpContext context, string key)
    {
        var tenant = context.RequestServices.GetRequiredService<TenantAccessor>();
        return tenant.HasTenant ? $"{key}.{tenant.Tenant.Name.ToLowerInvariant()}" : key;
    }
}

/// <summary>Cookie events: API paths answer 401/403 problems instead of redirects; a cookie of another tenant or a stale session is rejected.</summary>
internal static class TenantCookieEvents
{
    public static CookieAuthenticationEvents Create() => new()
    {
        OnRedirectToLogin = context =>
        {
            if (!IsApi(context.Request))
            {
                return Redirect(context);
            }
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(context.HttpContext, StatusCodes.Status401Unauthorized, "Authentication required",
                "Send 'Authorization: Bearer <token>' with a token from 'tokens create' or the My tokens page, or sign in.");
        },
        OnRedirectToAccessDenied = context =>
            Problem(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "You do not have the permission this needs."),
        OnValidatePrincipal = async context =>
        {
            var tenant = context.HttpContext.RequestServices.GetRequiredService<TenantAccessor>();
            var userId = context.Principal is { } principal && tenant.HasTenant ? UserPrincipal.UserIdIn(principal, tenant.Tenant.Name) : null;
            var user = userId is null ? null : await context.HttpContext.RequestServices.GetRequiredService<UserStore>().FindByIdAsync(userId.Value, context.HttpContext.RequestAborted);
            // A password change, a disabled account or a deleted user ends every session.
            if (user is null || !user.Enabled || user.SecurityStamp != context.Principal!.FindFirst(UserPrincipal.StampClaim)?.Value)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
            else if (user.LinkedContactId != context.Principal.FindFirst(UserPrincipal.ContactClaim)?.Value)
            {
                // An admin linked the account to another contact: the session goes on as that contact's (ICurrentActor.Actor.ContactId).
                context.ReplacePrincipal(UserPrincipal.Create(user, tenant.Tenant.Name, CookieAuthenticationDefaults.AuthenticationScheme));
                context.ShouldRenew = true;
            }
        },
    };

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Problem(HttpContext context, int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(context);
}
