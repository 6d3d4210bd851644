using Microsoft.AspNetCore.Http;

namespace ErpCrm.Web.Hosting;

/// <summary>
/// Explains the framework's own 400s. When a request's body is not JSON at all, or a route or query value is not of its type,
/// minimal APIs answer 400 before any endpoint runs, with a bare problem that names nothing; this gives it a detail and an
/// <c>errors.body</c> entry, so that every 400 names what is wrong.
/// </summary>
internal static class UnreadableRequest
{
    public const string Message =
        "The request could not be read: its body must be JSON of the shape this endpoint takes, and its route and query values of their types.";

    public static void Explain(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        // A validation problem names its fields already (in Errors, not in the extensions): only the bare 400 is explained.
        if (problem.Status == StatusCodes.Status400BadRequest && problem is not HttpValidationProblemDetails && problem.Detail is null
            && !problem.Extensions.ContainsKey("errors"))
        {
            problem.Detail = Message;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [Message] };
        }
    }
}
