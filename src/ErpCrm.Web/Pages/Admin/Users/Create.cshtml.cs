using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Users;

/// <summary>Creates a user with a first password and roles, through <see cref="UserService"/> as the API does.</summary>
[RequirePermission(nameof(KernelPermissions.ManageUsers))]
public sealed class CreateModel(UserService users, RoleStore roles) : AdminPageModel
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
        if (password != confirm)
        {
            ModelState.AddErrors(UserStore.Validate(UserName, Email, password)); // the other fields' problems, shown at once
            ModelState.AddModelError("confirmPassword", "The two passwords differ.");
            return Invalid();
        }
        // The service holds the rules (unique name, the password policy, no role the actor does not hold) and audits.
        var created = await users.CreateAsync(new UserCreateRequest(UserName, Email, DisplayName, password, Roles), ct);
        if (created.Value is { } user)
        {
            Notify($"User {user.User.UserName} is created.");
            return RedirectToAdmin("/admin/users");
        }
        ModelState.AddFailure(created.Failure!, "roles");
        return Invalid();
    }
}
