using System.Globalization;
using ErpCrm.Content;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Http;

/// <summary>
/// How modules' minimal APIs answer a <see cref="ContentResult{T}"/>, the same everywhere: Done → the success the endpoint
/// shapes; Invalid → 400 validation problem naming every field; NotFound → 404, Forbidden → 403, Conflict → 409 problem details
/// (with the errors by field when there are some).
/// </summary>
public static class ApiResults
{
    /// <summary>The HTTP answer of a service's outcome.</summary>
    public static Results<TSuccess, ValidationProblem, ProblemHttpResult> Answer<T, TSuccess>(ContentResult<T> result, Func<T, TSuccess> success)
        where TSuccess : IResult
    {
        if (result.Outcome == ContentOutcome.Done)
        {
            return success(result.Value!);
        }
        if (result.Outcome == ContentOutcome.Invalid)
        {
            return Invalid(result.Errors);
        }
        var (status, title) = result.Outcome switch
        {
            ContentOutcome.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            ContentOutcome.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            _ => (StatusCodes.Status409Conflict, "Conflict"),
        };
        return TypedResults.Problem(title: title, detail: result.Detail, statusCode: status, extensions: result.Errors.Count == 0
            ? null
            : new Dictionary<string, object?> { ["errors"] = result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }) });
    }

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
