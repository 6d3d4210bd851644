using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Roles;

/// <summary>Creates a role, then shows its permission grid.</summary>
[RequirePermission(nameof(KernelPermissions.ManageRoles))]
public sealed class CreateModel(RoleStore roles, AuditLog audit) : AdminPageModel
{
    [BindProperty(Name = "name")] public string Name { get; set; } = "";
    [BindProperty(Name = "description")] public string Description { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (RoleNames.Check(Name) is { } nameProblem)
        {
            ModelState.AddModelError("name", nameProblem);
        }
        if (RoleNames.CheckDescription(Description) is { } descriptionProblem)
        {
            ModelState.AddModelError("description", descriptionProblem);
        }
        if (ModelState.IsValid && await roles.FindAsync(Name.Trim(), ct) is not null)
        {
            ModelState.AddModelError("name", $"A role named '{Name.Trim()}' exists.");
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        if (!await roles.CreateAsync(Name, Description, ct))
        {
            ModelState.AddModelError("name", $"A role named '{Name.Trim()}' exists.");
            return Invalid();
        }
        await audit.RecordAsync(AuditKinds.RoleChanged, Name.Trim(), "Created.", ct);
        Notify($"Role {Name.Trim()} is created. Choose its permissions.");
        return RedirectToAdmin($"/admin/roles/edit?name={Uri.EscapeDataString(Name.Trim())}");
    }
}
