using System.Globalization;
using System.Security.Claims;
using ErpCrm.Security;

namespace ErpCrm.Core.Identity;

/// <summary>The claims of a signed-in user, the same for cookies and bearer tokens.</summary>
public static class UserPrincipal
{
    public const string TenantClaim = "erp:tenant";
    public const string StampClaim = "erp:stamp";

    /// <summary>The contact a portal customer's account is linked to (a user's linked contact id). A new link changes the security stamp, so a cookie never holds a stale one.</summary>
    public const string ContactClaim = "erp:contact";

    public static ClaimsPrincipal Create(UserRecord user, string tenantName, string scheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, user.UserName),
                new Claim(ClaimTypes.GivenName, user.DisplayName),
                new Claim(TenantClaim, tenantName),
                new Claim(StampClaim, user.SecurityStamp),
                .. user.LinkedContactId is { } contact ? [new Claim(ContactClaim, contact)] : Array.Empty<Claim>(),
            ], scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>Who a principal is in <paramref name="tenantName"/>: the user it is signed in as (with their linked contact), else an anonymous visitor.</summary>
    public static Actor ActorIn(ClaimsPrincipal principal, string tenantName, string? address) =>
        UserIdIn(principal, tenantName) is { } id
            ? Actor.User(id, principal.FindFirstValue(ClaimTypes.Name) ?? "", address) with { ContactId = principal.FindFirstValue(ContactClaim) }
            : Actor.Anonymous with { Address = address };

    /// <summary>The user id of a principal signed in to <paramref name="tenantName"/>, else null.</summary>
    public static long? UserIdIn(ClaimsPrincipal principal, string tenantName) =>
        principal.FindFirstValue(TenantClaim) is { } tenant
        && string.Equals(tenant, tenantName, StringComparison.OrdinalIgnoreCase)
        && long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}
