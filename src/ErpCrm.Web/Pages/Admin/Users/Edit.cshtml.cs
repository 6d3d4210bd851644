using ErpCrm.Core.Identity;
using ErpCrm.Http;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Users;

/// <summary>
/// Edits a user: e-mail, display name, enabled, roles; sets a new password; ends a lockout. Changes go through
/// <see cref="UserService"/>, so that the page and the API keep the same rules (nobody disables themselves, the last
/// enabled Administrator stays one, nobody gives or touches more than they hold).
/// </summary>
[RequirePermission(nameof(KernelPermissions.ManageUsers))]
public sealed class EditModel(UserStore users, UserService userService, RoleStore roles, AuditLog audit, AdminSession session, TimeProvider clock) : AdminPageModel
{
    [BindProperty(Name = "id", SupportsGet = true)] public long Id { get; set; }
    [BindProperty(Name = "email")] public string Email { get; set; } = "";
    [BindProperty(Name = "displayName")] public string DisplayName { get; set; } = "";
    [BindProperty(Name = "enabled")] public bool Enabled { get; set; }
    [BindProperty(Name = "roles")] public List<string> Roles { get; set; } = [];

    public UserRecord Subject { get; private set; } = null!;
    public IReadOnlyList<RoleRecord> AllRoles { get; private set; } = [];
    public DateTimeOffset? LockedUntil { get; private set; }
    public bool IsSelf => session.UserId == Id;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        Email = Subject.Email;
        DisplayName = Subject.DisplayName;
        Enabled = Subject.Enabled;
        Roles = (await users.RolesOfAsync(Id, ct)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        ModelState.Clear();
        // The service holds the rules (no self-disabling, the last Administrator stays one, nobody gives or touches
        // more than they hold) and audits what changed.
        var saved = await userService.UpdateAsync(Id,
            new UserUpdateRequest(Email, DisplayName, Enabled, Subject.LinkedContactId, Roles, Password: null), ct);
        if (saved.Failure is { } failure)
        {
            ModelState.AddFailure(failure, "roles");
            return Invalid();
        }
        Notify($"{Subject.UserName} is saved.");
        return RedirectToAdmin("/admin/users");
    }

    /// <summary>Sets a new password for the user (ending their sessions) and ends any lockout.</summary>
    public async Task<IActionResult> OnPostPasswordAsync([FromForm(Name = "newPassword")] string? password, [FromForm(Name = "confirmPassword")] string? confirm, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        await FillFormAsync(ct);
        ModelState.Clear();
        if (PasswordPolicy.Check(password) is { } problem)
        {
            ModelState.AddModelError("newPassword", problem);
        }
        if (password != confirm)
        {
            ModelState.AddModelError("confirmPassword", "The two passwords differ.");
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        var reset = await userService.UpdateAsync(Id,
            new UserUpdateRequest(Email, DisplayName, Enabled, Subject.LinkedContactId, Roles, password), ct);
        if (reset.Failure is { } failure)
        {
            ModelState.AddFailure(failure, "newPassword");
            return Invalid();
        }
        await users.RecordSignInAsync(Subject.Id, 0, null, ct); // a new password also ends a lockout
        Notify($"{Subject.UserName} has a new password{(IsSelf ? "" : "; their sessions are signed out")}.");
        return RedirectToAdmin($"/admin/users/edit?id={Id}");
    }

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        await users.RecordSignInAsync(Subject.Id, 0, null, ct);
        await audit.RecordAsync(AuditKinds.UserChanged, Subject.UserName, "Unlocked.", ct);
        Notify($"{Subject.UserName} is unlocked.");
        return RedirectToAdmin($"/admin/users/edit?id={Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await users.FindByIdAsync(Id, ct) is not { } user)
        {
            return false;
        }
        Subject = user;
        AllRoles = await roles.ListAsync(ct);
        LockedUntil = IndexModel.LockedUntil(user, clock.GetUtcNow());
        return true;
    }

    private async Task FillFormAsync(CancellationToken ct)
    {
        Email = Subject.Email;
        DisplayName = Subject.DisplayName;
        Enabled = Subject.Enabled;
        Roles = (await users.RolesOfAsync(Id, ct)).ToList();
    }
}
