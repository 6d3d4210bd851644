using ErpCrm.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Web.Admin;

/// <summary>
/// What the admin pages share: a message after a redirect, htmx partial answers. A service's failure goes next to its fields with
/// <c>ModelState.AddFailure</c> (<see cref="ErpCrm.Http.ModelStateResults"/>).
/// </summary>
public abstract class AdminPageModel : PageModel
{
    /// <summary>True when htmx asked for the page (it wants only the part it swaps in).</summary>
    protected bool IsHtmx => Request.Headers["HX-Request"] == "true";

    /// <summary>Shows <paramref name="text"/> at the top of the next page.</summary>
    protected void Notify(string text, string kind = "success") => Notice.Set(TempData, text, kind);

    /// <summary>The page again with its errors: 400, so that the unit of work rolls back and clients see the failure.</summary>
    protected PageResult Invalid() => new() { StatusCode = StatusCodes.Status400BadRequest };

    /// <summary>A redirect to an admin URL of this tenant (<c>/admin/...</c>).</summary>
    protected LocalRedirectResult RedirectToAdmin(string url) => LocalRedirect(Url.Content("~" + url));
}
