using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Roles;

/// <summary>
/// A role's description and its permission grid: the permissions of the enabled features, grouped by the module that
/// declares them. Grants of features that are off now are kept as they are.
/// </summary>
[RequirePermission(nameof(KernelPermissions.ManageRoles))]
public sealed class EditModel(RoleStore roles, RoleService roleService, PermissionCatalog catalog) : AdminPageModel
{
    [BindProperty(Name = "name", SupportsGet = true)] public string Name { get; set; } = "";
    [BindProperty(Name = "description")] public string Description { get; set; } = "";
    [BindProperty(Name = "permissions")] public List<string> Permissions { get; set; } = [];

    public RoleRecord Role { get; private set; } = null!;

    public IReadOnlyList<IGrouping<string, DeclaredPermission>> Grid { get; private set; } = [];

    public bool IsAdministrator => string.Equals(Role.Name, KernelPermissions.AdministratorRole, StringComparison.OrdinalIgnoreCase);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Description = Role.Description;
        Permissions = Role.Permissions.ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        var declared = (await catalog.NamesAsync(ct)).ToHashSet(StringComparer.Ordinal);
        // Grants of permissions not shown (their feature is off) stay; the shown ones are what the grid says.
        var granted = Role.Permissions.Where(p => !declared.Contains(p)).Concat(Permissions.Where(declared.Contains)).Distinct(StringComparer.Ordinal).ToList();
        // The service holds the rules (nobody grants what they do not hold) and audits what changed.
        var saved = await roleService.UpdateAsync(Role.Name,
            new RoleRequest(null, Description, IsAdministrator ? Role.Permissions : granted), ct);
        if (saved.Failure is { } failure)
        {
            ModelState.AddFailure(failure, "permissions");
            return Invalid();
        }
        Notify($"Role {Role.Name} is saved.");
        return RedirectToAdmin("/admin/roles");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if ((await roleService.DeleteAsync(Role.Name, ct)).Failure is { } failure)
        {
            Notify(failure.Detail, "danger");
            return RedirectToAdmin($"/admin/roles/edit?name={Uri.EscapeDataString(Role.Name)}");
        }
        Notify($"Role {Role.Name} is deleted.");
        return RedirectToAdmin("/admin/roles");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await roles.FindAsync(Name, ct) is not { } role)
        {
            return false;
        }
        Role = role;
        Grid = (await catalog.ListAsync(ct)).GroupBy(p => p.Group).ToList();
        return true;
    }
}
