using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages;

/// <summary>
/// The tenant's front door, until a portal takes it: a signed-in user goes to the admin, anyone else to the sign-in page, which
/// brings them back to the admin. Never a 404 for the address people type first.
/// </summary>
public sealed class IndexModel(AdminSession session) : AdminPageModel
{
    public IActionResult OnGet() => LocalRedirect(Url.Content(session.UserId is null ? "~/login" : "~/admin"));
}
