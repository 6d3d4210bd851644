using System.Globalization;
using System.Security.Claims;

namespace ErpCrm.Core.Identity;

/// <summary>The claims of a signed-in user, the same for cookies and bearer tokens.</summary>
public static class UserPrincipal
{
    public const string TenantClaim = "erp:tenant";
    public const string StampClaim = "erp:stamp";

    public static ClaimsPrincipal Create(UserRecord user, string tenantName, string scheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, user.UserName),
                new Claim(ClaimTypes.GivenName, user.DisplayName),
                new Claim(TenantClaim, tenantName),
                new Claim(StampClaim, user.SecurityStamp),
            ], scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The user id of a principal signed in to <paramref name="tenantName"/>, else null.</summary>
    public static long? UserIdIn(ClaimsPrincipal principal, string tenantName) =>
        principal.FindFirstValue(TenantClaim) is { } tenant
        && string.Equals(tenant, tenantName, StringComparison.OrdinalIgnoreCase)
        && long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}
