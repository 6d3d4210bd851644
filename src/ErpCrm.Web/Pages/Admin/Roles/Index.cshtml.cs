using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin;

namespace ErpCrm.Web.Pages.Admin.Roles;

/// <summary>The tenant's roles: what each grants and how many users hold it.</summary>
[RequirePermission(nameof(KernelPermissions.ManageRoles))]
public sealed class IndexModel(RoleStore roles) : AdminPageModel
{
    public IReadOnlyList<RoleRecord> Roles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Roles = await roles.ListAsync(ct);
}
