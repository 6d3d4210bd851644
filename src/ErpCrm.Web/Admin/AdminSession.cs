using ErpCrm.Core.Identity;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Security;

namespace ErpCrm.Web.Admin;

/// <summary>
/// The signed-in user of the request as the admin shell needs them: their record, the permissions they hold in the
/// tenant, and the tenant's site name. Read once per request.
/// </summary>
public sealed class AdminSession(ICurrentActor actor, TenantAccessor tenant, UserStore users, PermissionCatalog permissions, IUnitOfWork unitOfWork)
{
    private UserRecord? _user;
    private IReadOnlySet<string>? _permissions;
    private string? _siteName;

    /// <summary>The user id of the signed-in user of this tenant, or null.</summary>
    public long? UserId => actor.Actor is { Kind: ActorKind.User, UserId: { } id } ? id : null;

    public async Task<UserRecord?> GetUserAsync(CancellationToken cancellationToken) =>
        _user ??= UserId is { } id ? await users.FindByIdAsync(id, cancellationToken) : null;

    public async Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken cancellationToken) =>
        _permissions ??= UserId is { } id
            ? await users.PermissionsOfAsync(id, await permissions.NamesAsync(cancellationToken), cancellationToken)
            : new HashSet<string>();

    /// <summary>True when the user holds <paramref name="permission"/>; null means "every admin user".</summary>
    public async Task<bool> HoldsAsync(Permission? permission, CancellationToken cancellationToken) =>
        permission is null || (await GetPermissionsAsync(cancellationToken)).Contains(permission.Name);

    /// <summary>The tenant's name for people (set at setup), else the tenant's name.</summary>
    public async Task<string> GetSiteNameAsync(CancellationToken cancellationToken) =>
        _siteName ??= await unitOfWork.QuerySingleOrDefaultAsync<string>("SELECT value FROM erp_settings WHERE name = 'SiteName'", null, cancellationToken)
            ?? tenant.Tenant.Name;
}
