using ErpCrm.Core.Identity;
using ErpCrm.Core.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Web.Endpoints;

/// <summary>How the API answers what the identity services return: problem details (RFC 9457) naming the fields.</summary>
internal static class ApiResults
{
    /// <summary>The signed-in caller's user id in the request's tenant. Only for endpoints that require a signed-in user.</summary>
    public static long CallerId(this HttpContext http) =>
        UserPrincipal.UserIdIn(http.User, http.RequestServices.GetRequiredService<TenantAccessor>().Tenant.Name)
        ?? throw new InvalidOperationException("This endpoint must require a signed-in user of the tenant.");

    /// <summary>The success answer of a change, or its failure as a problem.</summary>
    public static Results<TSuccess, ValidationProblem, ProblemHttpResult> Answer<T, TSuccess>(ChangeResult<T> result, Func<T, TSuccess> success)
        where TSuccess : IResult
    {
        if (result.Failure is null)
        {
            return success(result.Value!);
        }
        if (result.Failure.Status == ChangeStatus.Invalid)
        {
            return Invalid(result.Failure.Errors);
        }
        return Problem(result.Failure);
    }

    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string> errors) => ErpCrm.Http.ApiResults.Invalid(errors);

    public static ProblemHttpResult Problem(ChangeFailure failure)
    {
        var (status, title) = failure.Status switch
        {
            ChangeStatus.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            ChangeStatus.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            ChangeStatus.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            _ => (StatusCodes.Status400BadRequest, "Invalid request"),
        };
        return TypedResults.Problem(title: title, detail: failure.Detail, statusCode: status, extensions: failure.Errors.Count == 0
            ? null
            : new Dictionary<string, object?> { ["errors"] = failure.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }) });
    }

    public static ProblemHttpResult NotFound(string detail) => Problem(ChangeFailure.NotFound(detail));

    /// <summary>Sets the <c>ETag</c> of a versioned resource (its version or revision number).</summary>
    public static void SetETag(HttpContext http, long version) => ErpCrm.Http.ETags.SetETag(http, version);

    /// <summary>The version <c>If-Match</c> names; null when there is none or it is '*'. A malformed one is an error naming If-Match.</summary>
    public static long? ReadIfMatch(HttpContext http, IDictionary<string, string> errors) => ErpCrm.Http.ETags.ReadIfMatch(http, errors);
}
