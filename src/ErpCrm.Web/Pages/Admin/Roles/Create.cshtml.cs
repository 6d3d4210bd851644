using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Roles;

/// <summary>Creates a role, then shows its permission grid.</summary>
[RequirePermission(nameof(KernelPermissions.ManageRoles))]
public sealed class CreateModel(RoleService roles) : AdminPageModel
{
    [BindProperty(Name = "name")] public string Name { get; set; } = "";
    [BindProperty(Name = "description")] public string Description { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var created = await roles.CreateAsync(new RoleRequest(Name, Description, []), ct);
        if (created.Failure is { } failure)
        {
            ModelState.AddFailure(failure, "name");
            return Invalid();
        }
        Notify($"Role {Name.Trim()} is created. Choose its permissions.");
        return RedirectToAdmin($"/admin/roles/edit?name={Uri.EscapeDataString(Name.Trim())}");
    }
}
