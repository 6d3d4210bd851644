using System.Globalization;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Tenants;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages;

/// <summary>Signs a user in to the tenant with a password; what went wrong is said plainly, and the user name is kept.</summary>
public sealed class LoginModel(SignInService signIn, TenantAccessor tenant, AdminSession session) : AdminPageModel
{
    [BindProperty(Name = "userName")]
    public string UserName { get; set; } = "";

    [BindProperty(Name = "returnUrl", SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string SiteName { get; private set; } = "";

    /// <summary>A problem with the attempt as a whole (not one field).</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (session.UserId is not null)
        {
            return LocalRedirect(Target());
        }
        SiteName = await session.GetSiteNameAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "password")] string? password, CancellationToken ct)
    {
        SiteName = await session.GetSiteNameAsync(ct);
        if (string.IsNullOrWhiteSpace(UserName))
        {
            ModelState.AddModelError("userName", "Enter your user name.");
        }
        if (string.IsNullOrEmpty(password))
        {
            ModelState.AddModelError("password", "Enter your password.");
        }
        if (!ModelState.IsValid)
        {
            return Invalid();
        }

        var result = await signIn.PasswordSignInAsync(UserName, password, ct);
        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                    UserPrincipal.Create(result.User!, tenant.Tenant.Name, CookieAuthenticationDefaults.AuthenticationScheme));
                return LocalRedirect(Target());
            case SignInOutcome.LockedOut:
                Problem = $"This account is locked after too many failed sign-ins. Try again after {result.LockedOutUntil!.Value.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC, or ask an administrator to unlock it.";
                break;
            case SignInOutcome.Disabled:
                Problem = "This account is disabled. Ask an administrator to enable it.";
                break;
            default:
                Problem = "The user name or the password is wrong.";
                break;
        }
        return Invalid();
    }

    /// <summary>Where to go once signed in: the page that sent the user here if it is on this site, else the dashboard.</summary>
    private string Target() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Content("~/admin");
}
