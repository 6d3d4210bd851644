using ErpCrm.Content;

namespace ErpCrm.Leads.Services;

/// <summary>The module's services answer <see cref="ContentResult{T}"/> like the content service they build on; these make them.</summary>
public static class LeadResults
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static ContentResult<T> Done<T>(T value) => new(ContentOutcome.Done, value, None, "");

    public static ContentResult<T> Invalid<T>(string field, string message) => Invalid<T>(new Dictionary<string, string> { [field] = message });

    public static ContentResult<T> Invalid<T>(IReadOnlyDictionary<string, string> errors) =>
        new(ContentOutcome.Invalid, default, errors, string.Join(" ", errors.Values));

    public static ContentResult<T> Conflict<T>(string message, string? field = null) =>
        new(ContentOutcome.Conflict, default, field is null ? None : new Dictionary<string, string> { [field] = message }, message);

    public static ContentResult<T> NotFound<T>(string id) => new(ContentOutcome.NotFound, default, None, $"There is no lead '{id}'.");

    /// <summary>The same failure, typed for another value.</summary>
    public static ContentResult<TOut> Failed<TIn, TOut>(ContentResult<TIn> failure) => new(failure.Outcome, default, failure.Errors, failure.Detail);
}
