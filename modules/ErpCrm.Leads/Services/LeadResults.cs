using ErpCrm.Content;

namespace ErpCrm.Leads.Services;

/// <summary>The module's services answer <see cref="ContentResult{T}"/> like the content service they build on; these make them.</summary>
public static class LeadResults
{
    public static ContentResult<T> Done<T>(T value) => ContentResults.Done(value);

    public static ContentResult<T> Invalid<T>(string field, string message) => ContentResults.Invalid<T>(field, message);

    public static ContentResult<T> Invalid<T>(IReadOnlyDictionary<string, string> errors) => ContentResults.Invalid<T>(errors);

    public static ContentResult<T> Conflict<T>(string message, string? field = null) => ContentResults.Conflict<T>(message, field);

    public static ContentResult<T> NotFound<T>(string id) => ContentResults.NotFound<T>(NotFoundMessage(id));

    /// <summary>What a lead that does not exist, or that the caller may not view, answers.</summary>
    public static string NotFoundMessage(string id) => $"There is no lead '{id}'.";

    /// <summary>The same failure, typed for another value.</summary>
    public static ContentResult<TOut> Failed<TIn, TOut>(ContentResult<TIn> failure) => ContentResults.Failed<TIn, TOut>(failure);
}
