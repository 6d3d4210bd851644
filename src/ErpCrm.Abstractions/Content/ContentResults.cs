namespace ErpCrm.Content;

/// <summary>Makes <see cref="ContentResult{T}"/> values, for modules whose services answer the way the content service does.</summary>
public static class ContentResults
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>Done, with the value.</summary>
    public static ContentResult<T> Done<T>(T value) => new(ContentOutcome.Done, value, None, "");

    /// <summary>One field is wrong.</summary>
    public static ContentResult<T> Invalid<T>(string field, string message) => Invalid<T>(new Dictionary<string, string> { [field] = message });

    /// <summary>These fields are wrong; the detail is their messages in one line.</summary>
    public static ContentResult<T> Invalid<T>(IReadOnlyDictionary<string, string> errors) =>
        new(ContentOutcome.Invalid, default, errors, string.Join(" ", errors.Values));

    /// <summary>The request is well formed but clashes with the current state (409); optionally naming the field at fault.</summary>
    public static ContentResult<T> Conflict<T>(string message, string? field = null) =>
        new(ContentOutcome.Conflict, default, field is null ? None : new Dictionary<string, string> { [field] = message }, message);

    /// <summary>What was asked for does not exist; <paramref name="message"/> says what.</summary>
    public static ContentResult<T> NotFound<T>(string message) => new(ContentOutcome.NotFound, default, None, message);

    /// <summary>The HTTP status of an outcome that is not done: 404, 409, 403, else 400 (a page answering a refused change with it rolls the unit of work back).</summary>
    public static int StatusOf(ContentOutcome outcome) => outcome switch
    {
        ContentOutcome.NotFound => 404,
        ContentOutcome.Conflict => 409,
        ContentOutcome.Forbidden => 403,
        _ => 400,
    };

    /// <summary>
    /// <paramref name="result"/>, with a NotFound told as <paramref name="message"/>. A module that finds an item's type in its own
    /// index before asking the content service answers an item the caller may not view (which the service answers NotFound, as it
    /// would a missing id) with the same words as an id its index does not hold, so that the answer tells nothing more.
    /// </summary>
    public static ContentResult<T> NotFoundAs<T>(this ContentResult<T> result, string message) =>
        result.Outcome == ContentOutcome.NotFound ? NotFound<T>(message) : result;

    /// <summary>The same failure, typed for another value.</summary>
    public static ContentResult<TOut> Failed<TIn, TOut>(ContentResult<TIn> failure) => new(failure.Outcome, default, failure.Errors, failure.Detail);
}
