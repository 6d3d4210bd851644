using ErpCrm.Core.Identity;
using ErpCrm.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Web.Admin;

/// <summary>What the admin pages share: errors next to fields, a message after a redirect, htmx partial answers.</summary>
public abstract class AdminPageModel : PageModel
{
    /// <summary>True when htmx asked for the page (it wants only the part it swaps in).</summary>
    protected bool IsHtmx => Request.Headers["HX-Request"] == "true";

    /// <summary>Shows <paramref name="text"/> at the top of the next page.</summary>
    protected void Notify(string text, string kind = "success") => Notice.Set(TempData, text, kind);

    /// <summary>Puts each error next to its field (keys are the fields' names).</summary>
    protected void AddErrors(IEnumerable<KeyValuePair<string, string>> errors)
    {
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }
    }

    /// <summary>Puts a service's refusal next to the fields it names, or next to <paramref name="field"/> when it names none.</summary>
    protected void AddFailure(ChangeFailure failure, string field)
    {
        if (failure.Errors.Count > 0)
        {
            AddErrors(failure.Errors);
        }
        else
        {
            ModelState.AddModelError(field, failure.Detail);
        }
    }

    /// <summary>The page again with its errors: 400, so that the unit of work rolls back and clients see the failure.</summary>
    protected PageResult Invalid() => new() { StatusCode = StatusCodes.Status400BadRequest };

    /// <summary>A redirect to an admin URL of this tenant (<c>/admin/...</c>).</summary>
    protected LocalRedirectResult RedirectToAdmin(string url) => LocalRedirect(Url.Content("~" + url));
}
