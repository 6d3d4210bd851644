using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ErpCrm.Web.Hosting;

/// <summary>
/// Explains the framework's own 4xx answers. When a request's body is not JSON at all, or a route or query value is not of its type,
/// minimal APIs answer 400 before any endpoint runs, with a bare problem that names nothing; this gives it a detail and an
/// <c>errors.body</c> entry, so that every 400 names what is wrong. When Kestrel refuses a request while an endpoint reads it (a body over
/// the size limit, a body cut short), it throws <see cref="BadHttpRequestException"/> carrying the status to answer: that status is
/// answered (413, 400…), with a problem saying why, and it is not logged as a server error, because it is not one.
/// </summary>
internal static class UnreadableRequest
{
    public const string Message =
        "The request could not be read: its body must be JSON of the shape this endpoint takes, and its route and query values of their types.";

    public static void Explain(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? ErpCrmWebHost.MaxRequestBodyBytes;
            var message = string.Create(CultureInfo.InvariantCulture, $"The request body is larger than the {limit:N0} bytes this endpoint accepts.");
            problem.Detail ??= message;
            problem.Extensions.TryAdd("errors", new Dictionary<string, string[]> { ["body"] = [message] });
        }
        // A validation problem names its fields already (in Errors, not in the extensions): only the bare 400 is explained.
        if (problem.Status == StatusCodes.Status400BadRequest && problem is not HttpValidationProblemDetails && problem.Detail is null
            && !problem.Extensions.ContainsKey("errors"))
        {
            problem.Detail = Message;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [Message] };
        }
    }

    /// <summary>Makes the exception handler answer a refused request with the status Kestrel gave it, without logging it as a failure.</summary>
    public static void AnswerWithItsStatus(Microsoft.AspNetCore.Builder.ExceptionHandlerOptions options)
    {
        options.StatusCodeSelector = exception => exception is BadHttpRequestException refused ? refused.StatusCode : StatusCodes.Status500InternalServerError;
        options.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException;
    }
}
