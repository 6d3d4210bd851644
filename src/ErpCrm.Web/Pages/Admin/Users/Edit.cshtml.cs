using ErpCrm.Core.Identity;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Users;

/// <summary>
/// Edits a user: e-mail, display name, enabled, roles; sets a new password; ends a lockout. Nobody can disable
/// themselves or take the Administrator role from themselves, so that a site cannot lose its last way in by accident.
/// </summary>
[RequirePermission(nameof(KernelPermissions.ManageUsers))]
public sealed class EditModel(UserStore users, RoleStore roles, AuditLog audit, AdminSession session, TimeProvider clock) : AdminPageModel
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
        AddErrors(UserStore.Validate(Subject.UserName, Email, null, passwordRequired: false));
        if (DisplayName.Length > 200)
        {
            ModelState.AddModelError("displayName", "A display name has at most 200 characters.");
        }
        var chosen = AllRoles.Where(r => Roles.Contains(r.Name, StringComparer.OrdinalIgnoreCase)).Select(r => r.Name).ToList();
        if (IsSelf && !Enabled)
        {
            ModelState.AddModelError("enabled", "You cannot disable your own account.");
        }
        var before = await users.RolesOfAsync(Id, ct);
        if (IsSelf && before.Contains(KernelPermissions.AdministratorRole, StringComparer.OrdinalIgnoreCase)
            && !chosen.Contains(KernelPermissions.AdministratorRole, StringComparer.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("roles", "You cannot take the Administrator role from yourself; ask another administrator.");
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }
        await users.UpdateAsync(Id, Email, string.IsNullOrWhiteSpace(DisplayName) ? Subject.UserName : DisplayName, Enabled, Subject.LinkedContactId, ct);
        await users.SetRolesAsync(Id, chosen, ct);
        var changes = new List<string>();
        if (Email.Trim() != Subject.Email) changes.Add($"e-mail {Email.Trim()}");
        if (Enabled != Subject.Enabled) changes.Add(Enabled ? "enabled" : "disabled");
        if (!before.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(chosen)) changes.Add($"roles: {(chosen.Count == 0 ? "none" : string.Join(", ", chosen))}");
        if (DisplayName.Trim() != Subject.DisplayName) changes.Add("display name");
        if (changes.Count > 0)
        {
            await audit.RecordAsync(AuditKinds.UserChanged, Subject.UserName, "Changed " + string.Join("; ", changes) + ".", ct);
        }
        Notify(changes.Count == 0 ? $"Nothing to change for {Subject.UserName}." : $"{Subject.UserName} is saved.");
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
        await users.SetPasswordAsync(Subject, password!, ct);
        await users.RecordSignInAsync(Subject.Id, 0, null, ct);
        await audit.RecordAsync(AuditKinds.PasswordChanged, Subject.UserName, "Password reset by an administrator.", ct);
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
