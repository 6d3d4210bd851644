using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Extensions.Options;

namespace ErpCrm.Web.Admin;

/// <summary>
/// A signed-in person who opens a page they lack the permission for gets a 403 page that says so and offers a way
/// on, instead of the problem document the API answers with.
/// </summary>
internal sealed class AccessDeniedPage : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public const string View = "/Pages/Shared/AccessDenied.cshtml";

    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name != CookieAuthenticationDefaults.AuthenticationScheme)
        {
            return;
        }
        var api = options.Events.OnRedirectToAccessDenied;
        options.Events.OnRedirectToAccessDenied = context =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                return api(context);
            }
            var http = context.HttpContext;
            var action = new ActionContext(http, http.GetRouteData(), new ActionDescriptor());
            return new ViewResult { ViewName = View, StatusCode = StatusCodes.Status403Forbidden }.ExecuteResultAsync(action);
        };
    }
}
