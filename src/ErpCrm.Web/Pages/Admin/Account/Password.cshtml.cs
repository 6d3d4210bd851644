using ErpCrm.Core.Identity;
using ErpCrm.Core.Tenants;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Account;

/// <summary>
/// Changes the signed-in user's password. The new security stamp ends the user's other sessions; this one is signed in
/// again with it, so the user stays in.
/// </summary>
public sealed class PasswordModel(AdminSession session, UserStore users, AuditLog audit, TenantAccessor tenant) : AdminPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "currentPassword")] string? current, [FromForm(Name = "newPassword")] string? password,
        [FromForm(Name = "confirmPassword")] string? confirm, CancellationToken ct)
    {
        var user = await session.GetUserAsync(ct);
        if (user is null)
        {
            return Challenge();
        }
        if (string.IsNullOrEmpty(current) || !await users.CheckPasswordAsync(user, current, ct))
        {
            ModelState.AddModelError("currentPassword", "This is not your current password.");
        }
        if (PasswordPolicy.Check(password) is { } problem)
        {
            ModelState.AddModelError("newPassword", problem);
        }
        else if (password == current)
        {
            ModelState.AddModelError("newPassword", "Choose a password different from the current one.");
        }
        if (password != confirm)
        {
            ModelState.AddModelError("confirmPassword", "The two new passwords differ.");
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        await users.SetPasswordAsync(user, password!, ct);
        await audit.RecordAsync(AuditKinds.PasswordChanged, user.UserName, "Changed their own password.", ct);
        var changed = (await users.FindByIdAsync(user.Id, ct))!;
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            UserPrincipal.Create(changed, tenant.Tenant.Name, CookieAuthenticationDefaults.AuthenticationScheme));
        Notify("Your password is changed. Other sessions of yours are signed out.");
        return RedirectToAdmin("/admin/account/password");
    }
}
