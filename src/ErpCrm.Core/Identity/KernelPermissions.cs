using ErpCrm.Security;

namespace ErpCrm.Core.Identity;

/// <summary>The permissions the kernel checks.</summary>
public sealed class KernelPermissions : IPermissionProvider
{
    public static readonly Permission AccessAdmin = new("AccessAdmin", "Open the admin area", "Kernel");
    public static readonly Permission ManageFeatures = new("ManageFeatures", "Enable and disable features", "Kernel");
    public static readonly Permission ManageUsers = new("ManageUsers", "Create, edit, lock and delete users", "Kernel");
    public static readonly Permission ManageRoles = new("ManageRoles", "Create roles and grant permissions", "Kernel");
    public static readonly Permission ViewAuditLog = new("ViewAuditLog", "Read the audit log", "Kernel");
    public static readonly Permission ManageTenants = new("ManageTenants", "Create, list and disable tenants (Default tenant only)", "Kernel");
    public static readonly Permission ManageContentTypes = new("ManageContentTypes", "Edit content types and parts", "Kernel");
    public static readonly Permission ManageOwnApiTokens = new("ManageOwnApiTokens", "Create and revoke one's own API tokens", "Kernel");
    public static readonly Permission ManageRecipes = new("ManageRecipes", "Run recipes and export the configuration (a recipe can do only what its runner may)", "Kernel");
    public static readonly Permission ManageSettings = new("ManageSettings", "Change the site's settings and theme", "Kernel");

    /// <summary>The role that holds every permission.</summary>
    public const string AdministratorRole = "Administrator";

    public IEnumerable<Permission> GetPermissions() =>
        [AccessAdmin, ManageFeatures, ManageUsers, ManageRoles, ViewAuditLog, ManageTenants, ManageOwnApiTokens, ManageContentTypes, ManageRecipes, ManageSettings];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
        [new PermissionStereotype("Staff", [AccessAdmin, ManageOwnApiTokens])];
}
