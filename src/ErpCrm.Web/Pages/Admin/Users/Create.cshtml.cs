using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Users;

/// <summary>Creates a user with a first password and roles.</summary>
[RequirePermission(nameof(KernelPermissions.ManageUsers))]
public sealed class CreateModel(UserStore users, RoleStore roles, AuditLog audit) : AdminPageModel
{
    [BindProperty(Name = "userName")] public string UserName { get; set; } = "";
    [BindProperty(Name = "email")] public string Email { get; set; } = "";
    [BindProperty(Name = "displayName")] public string DisplayName { get; set; } = "";
    [BindProperty(Name = "roles")] public List<string> Roles { get; set; } = [];

    public IReadOnlyList<RoleRecord> AllRoles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => AllRoles = await roles.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "password")] string? password, [FromForm(Name = "confirmPassword")] string? confirm, CancellationToken ct)
    {
        AllRoles = await roles.ListAsync(ct);
        ModelState.Clear();
        AddErrors(UserStore.Validate(UserName, Email, password));
        if (password != confirm)
        {
            ModelState.AddModelError("confirmPassword", "The two passwords differ.");
        }
        if (DisplayName.Length > 200)
        {
            ModelState.AddModelError("displayName", "A display name has at most 200 characters.");
        }
        var chosen = AllRoles.Where(r => Roles.Contains(r.Name, StringComparer.OrdinalIgnoreCase)).Select(r => r.Name).ToList();
        if (ModelState.IsValid)
        {
            var user = await users.CreateAsync(UserName, Email, password!, chosen, ct, DisplayName);
            if (user is null)
            {
                ModelState.AddModelError("userName", $"The user name '{UserName.Trim()}' is taken.");
            }
            else
            {
                await audit.RecordAsync(AuditKinds.UserCreated, user.UserName, $"Created with roles: {(chosen.Count == 0 ? "none" : string.Join(", ", chosen))}.", ct);
                Notify($"User {user.UserName} is created.");
                return RedirectToAdmin("/admin/users");
            }
        }
        return Invalid();
    }
}
