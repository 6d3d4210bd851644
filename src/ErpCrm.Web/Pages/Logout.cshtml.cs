using ErpCrm.Core.Identity;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages;

/// <summary>Signs out with a POST (a link cannot sign anyone out); a GET asks first.</summary>
public sealed class LogoutModel(AuditLog audit, AdminSession session) : AdminPageModel
{
    public string SiteName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (session.UserId is null)
        {
            return LocalRedirect(Url.Content("~/login"));
        }
        SiteName = await session.GetSiteNameAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await session.GetUserAsync(ct) is { } user)
        {
            await audit.RecordAsync(AuditKinds.SignOut, user.UserName, "Signed out.", ct);
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect(Url.Content("~/login"));
    }
}
