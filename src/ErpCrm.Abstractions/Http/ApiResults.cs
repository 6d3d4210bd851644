using System.Globalization;
using ErpCrm.Content;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Http;

/// <summary>
/// How endpoints answer a <see cref="Result{T}"/>, the same everywhere: Done → the success the endpoint shapes; Invalid → 400
/// validation problem naming every field; NotFound → 404, Forbidden → 403, Conflict → 409 problem details (with the errors by
/// field when there are some). Pages answer the same statuses (<see cref="StatusCode"/>) and put the errors next to their fields
/// (<see cref="ModelStateResults"/>).
/// </summary>
public static class ApiResults
{
    /// <summary>The HTTP answer of a service's result: <paramref name="success"/> of its value, else its failure as a problem.</summary>
    public static Results<TSuccess, ValidationProblem, ProblemHttpResult> Answer<T, TSuccess>(this Result<T> result, Func<T, TSuccess> success)
        where TSuccess : IResult
    {
        if (result.Failure is not { } failure)
        {
            return success(result.Value!);
        }
        if (failure.Status == ResultStatus.Invalid)
        {
            return Invalid(failure.Errors);
        }
        return Problem(failure);
    }

    /// <summary>A failure as problem details: 404, 403 or 409 with its detail, and its errors by field when it names some.</summary>
    public static ProblemHttpResult Problem(Failure failure)
    {
        var status = StatusCode(failure.Status);
        return TypedResults.Problem(title: status switch
        {
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status403Forbidden => "Forbidden",
            StatusCodes.Status409Conflict => "Conflict",
            _ => "Invalid request",
        }, detail: failure.Detail, statusCode: status, extensions: failure.Errors.Count == 0
            ? null
            : new Dictionary<string, object?> { ["errors"] = failure.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }) });
    }

    /// <summary>A 404 problem saying what does not exist.</summary>
    public static ProblemHttpResult NotFound(string detail) => Problem(Result.NotFound(detail));

    /// <summary>
    /// The HTTP status of a result: 200 when done, 404, 409, 403, else 400. A page answering a refused change with it rolls the
    /// unit of work back, and tests and scripts can tell what happened.
    /// </summary>
    public static int StatusCode(ResultStatus status) => status switch
    {
        ResultStatus.Done => StatusCodes.Status200OK,
        ResultStatus.NotFound => StatusCodes.Status404NotFound,
        ResultStatus.Conflict => StatusCodes.Status409Conflict,
        ResultStatus.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>200 with an item in ContentItem JSON and its revision as <c>ETag</c>.</summary>
    public static Ok<System.Text.Json.Nodes.JsonObject> Item(HttpContext http, IContentItemService content, StoredContentItem stored)
    {
        ETags.SetETag(http, stored.Revision);
        return TypedResults.Ok(content.Write(stored.Item));
    }

    /// <summary>A 400 validation problem naming every field, its detail the messages in one line.</summary>
    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), detail: string.Join(" ", errors.Values));

    /// <summary>
    /// A problem other than a 400 that still names what is wrong by field (<c>errors</c>, as a validation problem does): a body
    /// too large (413), not JSON (415), too many requests (429)…; the title is the status's reason phrase.
    /// </summary>
    public static ProblemHttpResult Problem(int status, IReadOnlyDictionary<string, string> errors) =>
        TypedResults.Problem(title: Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), detail: string.Join(" ", errors.Values), statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = errors.ToDictionary(e => e.Key, e => new[] { e.Value }) });

    /// <summary>A whole-number query parameter from <paramref name="min"/> to <paramref name="max"/>, or <paramref name="fallback"/> when absent; an error keyed by its name otherwise.</summary>
    public static int QueryNumber(HttpContext http, string name, int fallback, int min, int max, IDictionary<string, string> errors) =>
        QueryNumber(http.Request.Query, name, fallback, min, max, errors);

    /// <summary>As <see cref="QueryNumber(HttpContext, string, int, int, int, IDictionary{string, string})"/>, for a query a page reads (or a query rewritten).</summary>
    public static int QueryNumber(IQueryCollection query, string name, int fallback, int min, int max, IDictionary<string, string> errors)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors[name] = $"{name} must be a whole number from {min} to {max}.";
        return fallback;
    }
}
