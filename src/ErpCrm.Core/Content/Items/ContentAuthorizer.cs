using System.Globalization;
using System.Security.Claims;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Tenants;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Core.Content.Items;

/// <summary>
/// Decides what the caller may do to items of a type (see <see cref="ContentPermissions"/>). Outside a request (the command
/// line, recipes, background work) the caller is the system, which may do everything; so is a public endpoint inside
/// <see cref="ISystemAccess.Begin"/>. One lookup of the caller's
/// permissions per unit of work.
/// </summary>
public sealed class ContentAuthorizer(IHttpContextAccessor http, TenantAccessor tenant, UserStore users, ISystemAccess systemAccess)
{
    private IReadOnlySet<string>? granted;
    private bool administrator;

    /// <summary>Whether the caller is the system rather than a user in a request (or a public endpoint acting as the system, see <see cref="ISystemAccess"/>).</summary>
    public bool IsSystem => http.HttpContext is null || systemAccess.IsActive;

    /// <summary>The caller's user id as content items record owners, or null for the system or an anonymous caller.</summary>
    public string? UserId =>
        http.HttpContext is { } context && tenant.HasTenant && UserPrincipal.UserIdIn(context.User, tenant.Tenant.Name) is { } id
            ? id.ToString(CultureInfo.InvariantCulture)
            : null;

    /// <summary>The caller's user name, as content items record authors.</summary>
    public string? UserName => UserId is null ? null : http.HttpContext?.User.FindFirstValue(ClaimTypes.Name);

    /// <summary>How much of the type's items the caller may act on.</summary>
    public async Task<ContentScope> ScopeAsync(ContentAction action, ContentSchema schema, CancellationToken cancellationToken)
    {
        if (IsSystem)
        {
            return ContentScope.All;
        }
        if (UserId is not { } userId)
        {
            return ContentScope.None;
        }
        var held = await GrantedAsync(long.Parse(userId, CultureInfo.InvariantCulture), cancellationToken);
        if (administrator)
        {
            return ContentScope.All;
        }
        var granting = ContentPermissions.Granting(action);
        if (granting.Any(a => held.Contains(ContentPermissions.GlobalName(a, own: false))
                              || (schema.Securable && held.Contains(ContentPermissions.TypeName(a, schema.Type.Name, own: false)))))
        {
            return ContentScope.All;
        }
        if (granting.Any(a => held.Contains(ContentPermissions.GlobalName(a, own: true))
                              || (schema.Securable && held.Contains(ContentPermissions.TypeName(a, schema.Type.Name, own: true)))))
        {
            return ContentScope.Own;
        }
        return ContentScope.None;
    }

    /// <summary>Whether the caller may act on an item with this owner.</summary>
    public async Task<bool> CanAsync(ContentAction action, ContentSchema schema, string? owner, CancellationToken cancellationToken) =>
        await ScopeAsync(action, schema, cancellationToken) switch
        {
            ContentScope.All => true,
            ContentScope.Own => owner is not null && owner == UserId,
            _ => false,
        };

    private async Task<IReadOnlySet<string>> GrantedAsync(long userId, CancellationToken cancellationToken)
    {
        if (granted is null)
        {
            var roles = await users.RolesOfAsync(userId, cancellationToken);
            administrator = roles.Contains(KernelPermissions.AdministratorRole, StringComparer.OrdinalIgnoreCase);
            granted = administrator ? new HashSet<string>() : await users.PermissionsOfAsync(userId, [], cancellationToken);
        }
        return granted;
    }
}
