using ErpCrm.Security;

namespace ErpCrm.Core.Identity;

/// <summary>The permissions the kernel checks.</summary>
public sealed class KernelPermissions : IPermissionProvider
{
    public static readonly Permission ManageFeatures = new("ManageFeatures", "Enable and disable features", "Kernel");
    public static readonly Permission ManageTenants = new("ManageTenants", "Create, list and disable tenants (Default tenant only)", "Kernel");
    public static readonly Permission ManageOwnApiTokens = new("ManageOwnApiTokens", "Create and revoke one's own API tokens", "Kernel");

    /// <summary>The role that holds every permission.</summary>
    public const string AdministratorRole = "Administrator";

    public IEnumerable<Permission> GetPermissions() => [ManageFeatures, ManageTenants, ManageOwnApiTokens];
}
