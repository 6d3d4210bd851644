using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ErpCrm.Web.Admin;

/// <summary>
/// A form a browser posted that the host refused before its page could run — text a field may not hold, a form that does not
/// read, a missing antiforgery token — answers an HTML page naming each field's problem, instead of the problem document API
/// clients read. Going back shows the form as it was typed, so nothing is lost. A page's own validation errors never come here:
/// the page shows those at their fields.
/// </summary>
internal sealed class RefusedFormPage : IProblemDetailsWriter
{
    public const string View = "/Pages/Shared/RefusedForm.cshtml";

    public bool CanWrite(ProblemDetailsContext context) =>
        context.ProblemDetails.Status == StatusCodes.Status400BadRequest
        && context.HttpContext.Request.HasFormContentType
        && NotFoundPage.AsksForHtml(context.HttpContext.Request);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var action = new ActionContext(http, http.GetRouteData(), new ActionDescriptor());
        var problems = context.ProblemDetails is HttpValidationProblemDetails validation
            ? validation.Errors.SelectMany(e => e.Value.Select(message => message)).ToList()
            : [context.ProblemDetails.Detail ?? context.ProblemDetails.Title ?? "The form could not be accepted."];
        var data = new ViewDataDictionary<IReadOnlyList<string>>(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), new()) { Model = problems };
        await new ViewResult { ViewName = View, StatusCode = StatusCodes.Status400BadRequest, ViewData = data }.ExecuteResultAsync(action);
    }
}
