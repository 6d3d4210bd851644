using ErpCrm.Admin;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Tenants;

namespace ErpCrm.Web.Admin;

/// <summary>The kernel's entries of the admin menu.</summary>
internal sealed class KernelAdminMenu(TenantAccessor tenant) : IAdminMenu
{
    public const string SystemGroup = "System";
    public const string ContentGroup = "Content";

    public IEnumerable<AdminMenuItem> GetItems()
    {
        yield return new AdminMenuItem("Dashboard", "/admin", KernelPermissions.AccessAdmin, "", -100);
        yield return new AdminMenuItem("Content types", "/admin/content-types", KernelPermissions.ManageContentTypes, ContentGroup, 10);
        yield return new AdminMenuItem("Features", "/admin/features", KernelPermissions.ManageFeatures, SystemGroup, 10);
        yield return new AdminMenuItem("Users", "/admin/users", KernelPermissions.ManageUsers, SystemGroup, 20);
        yield return new AdminMenuItem("Roles", "/admin/roles", KernelPermissions.ManageRoles, SystemGroup, 30);
        yield return new AdminMenuItem("Recipes", "/admin/recipes", KernelPermissions.ManageRecipes, SystemGroup, 35);
        yield return new AdminMenuItem("Company settings", "/admin/settings", KernelPermissions.ManageSettings, SystemGroup, 37);
        yield return new AdminMenuItem("My tokens", "/admin/tokens", KernelPermissions.ManageOwnApiTokens, SystemGroup, 40);
        if (tenant.HasTenant && tenant.Tenant.IsDefault)
        {
            yield return new AdminMenuItem("Tenants", "/admin/tenants", KernelPermissions.ManageTenants, SystemGroup, 50);
        }
        yield return new AdminMenuItem("Audit log", "/admin/audit", KernelPermissions.ViewAuditLog, SystemGroup, 60);
    }
}
