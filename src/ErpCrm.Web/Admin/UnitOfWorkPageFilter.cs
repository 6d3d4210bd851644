using ErpCrm.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Web.Admin;

/// <summary>
/// The Razor Pages twin of <see cref="Core.Hosting.UnitOfWorkFilter"/>: commits the request's unit of work when the
/// page handler succeeded, before the page renders, so that nobody sees a success message for a change that did not
/// commit. An exception or an error result (status 400 and up: a form with errors, not found) rolls back.
/// </summary>
internal sealed class UnitOfWorkPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var uow = context.HttpContext.RequestServices.GetRequiredService<IUnitOfWork>();
        var failed = executed.Exception is not null && !executed.ExceptionHandled;
        if (failed || StatusOf(executed.Result) >= StatusCodes.Status400BadRequest)
        {
            await uow.RollbackAsync(CancellationToken.None);
        }
        else
        {
            await uow.CommitAsync(context.HttpContext.RequestAborted);
        }
    }

    private static int StatusOf(IActionResult? result) => result switch
    {
        PageResult { StatusCode: { } code } => code,
        IStatusCodeActionResult { StatusCode: { } code } => code,
        _ => StatusCodes.Status200OK,
    };
}
