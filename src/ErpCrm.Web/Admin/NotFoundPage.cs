using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace ErpCrm.Web.Admin;

/// <summary>
/// A browser that navigates to an address with nothing behind it (also a module's page while its feature is off) gets
/// an HTML page that says so and offers a way on, instead of the problem document API clients read. Every 404 problem
/// document passes through the problem details service, so this one writer covers them all.
/// </summary>
internal sealed class NotFoundPage : IProblemDetailsWriter
{
    public const string View = "/Pages/Shared/NotFound.cshtml";

    public bool CanWrite(ProblemDetailsContext context) =>
        context.ProblemDetails.Status == StatusCodes.Status404NotFound && AsksForHtml(context.HttpContext.Request);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var action = new ActionContext(http, http.GetRouteData(), new ActionDescriptor());
        await new ViewResult { ViewName = View, StatusCode = StatusCodes.Status404NotFound }.ExecuteResultAsync(action);
    }

    /// <summary>Browsers name text/html when they navigate; API clients and scripts do not.</summary>
    public static bool AsksForHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
