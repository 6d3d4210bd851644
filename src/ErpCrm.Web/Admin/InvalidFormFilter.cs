using ErpCrm.Core.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;

namespace ErpCrm.Web.Admin;

/// <summary>
/// A form posted without its antiforgery token (or with a stale one) answers a 400 problem that says what to do,
/// the same answer the API gives (and the host's check of cookie-signed requests, <see cref="CookieForgeryMiddleware"/>), instead of an empty 400.
/// </summary>
internal sealed class InvalidFormFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.Result = new HttpResultAdapter(AntiforgeryProblems.Form());
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

/// <summary>Runs a minimal-API <see cref="IResult"/> (a problem document) as a page's result.</summary>
internal sealed class HttpResultAdapter(IResult result) : IActionResult, IStatusCodeActionResult
{
    public int? StatusCode => (result as IStatusCodeHttpResult)?.StatusCode;

    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
