using System.Globalization;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Tenants;
using ErpCrm.Http;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Web.Pages;

/// <summary>
/// Signs a user in to the tenant with a password. Every failure says the same (which one it was would tell which user names
/// exist); an address past its throttle gets 429 with Retry-After; the user name is kept either way.
/// </summary>
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

        var result = await signIn.PasswordSignInAsync(UserName, password, ClientAddresses.Of(HttpContext), ct);
        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                    UserPrincipal.Create(result.User!, tenant.Tenant.Name, CookieAuthenticationDefaults.AuthenticationScheme));
                return LocalRedirect(Target());
            case SignInOutcome.Throttled:
                var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter!.Value.TotalSeconds));
                Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                Problem = $"Too many failed sign-ins from your address. Try again in {Wait(seconds)}.";
                return new PageResult { StatusCode = StatusCodes.Status429TooManyRequests };
            default:
                Problem = SignInService.FailureMessage;
                return Invalid();
        }
    }

    private static string Wait(int seconds) =>
        seconds < 120 ? $"{seconds} seconds" : $"{(int)Math.Ceiling(seconds / 60.0)} minutes";

    /// <summary>Where to go once signed in: the page that sent the user here if it is on this site, else the dashboard.</summary>
    private string Target() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Content("~/admin");
}
