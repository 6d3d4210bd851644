namespace ErpCrm;

/// <summary>How an operation asked of a service ended: done, or one of the four ways a caller can get it wrong.</summary>
public enum ResultStatus
{
    /// <summary>Done (or there was nothing to do); <see cref="Result{T}.Value"/> holds the answer.</summary>
    Done,

    /// <summary>Fields are wrong: <see cref="Failure.Errors"/> names each of them (HTTP 400).</summary>
    Invalid,

    /// <summary>What the operation is about does not exist, or the caller may not know that it does (HTTP 404).</summary>
    NotFound,

    /// <summary>The request is well formed but clashes with the current state: a name taken, a stale revision, the last administrator (HTTP 409).</summary>
    Conflict,

    /// <summary>The caller may use the service, but not on this: it would give or touch more than they hold (HTTP 403).</summary>
    Forbidden,
}

/// <summary>
/// Why an operation was not done: every bad field with its message, and one detail that says it all in a line. A module may
/// derive a failure that tells its own callers more (Contacts' duplicate contact names the contact it would duplicate); the
/// HTTP answer is the same as the base failure's unless the module's endpoint shapes it.
/// </summary>
/// <param name="Status">Which of the ways it failed; never <see cref="ResultStatus.Done"/>.</param>
/// <param name="Errors">The fields at fault (keys as the API and the form name them) with their messages; may be empty but for <see cref="ResultStatus.Invalid"/>.</param>
/// <param name="Detail">The whole failure in one line (an invalid result's messages joined), as problem details and page banners show it.</param>
public record Failure(ResultStatus Status, IReadOnlyDictionary<string, string> Errors, string Detail);

/// <summary>
/// The answer of an operation a caller can get wrong: the value when done, else the <see cref="Failure"/>. Services return it
/// instead of throwing, so that the API, the admin pages, recipe steps and imports show the same messages next to the same
/// fields. A value or a failure converts to it implicitly, so a service writes <c>return item;</c> or
/// <c>return Result.NotFound($"There is no ticket {id}.");</c>; an endpoint answers it with <c>ApiResults.Answer</c> and a page
/// with <c>ModelState.AddFailure</c> (both in <c>ErpCrm.Http</c>).
/// </summary>
/// <typeparam name="T">What a done operation answers.</typeparam>
public sealed class Result<T>
{
    private Result(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    /// <summary>The answer when <see cref="Status"/> is <see cref="ResultStatus.Done"/>; default otherwise.</summary>
    public T? Value { get; }

    /// <summary>Why it was not done; null when done.</summary>
    public Failure? Failure { get; }

    /// <summary>Done, or how it failed.</summary>
    public ResultStatus Status => Failure?.Status ?? ResultStatus.Done;

    /// <summary>The fields at fault (empty when done).</summary>
    public IReadOnlyDictionary<string, string> Errors => Failure?.Errors ?? Result.NoErrors;

    /// <summary>The failure in one line (empty when done).</summary>
    public string Detail => Failure?.Detail ?? "";

    /// <summary>A done operation answering <paramref name="value"/>.</summary>
    public static implicit operator Result<T>(T value) => new(value, null);

    /// <summary>A failed operation.</summary>
    public static implicit operator Result<T>(Failure failure) => new(default, failure);
}

/// <summary>Makes <see cref="Result{T}"/> values: <see cref="Done{T}"/>, or a <see cref="Failure"/> that converts to any result.</summary>
public static class Result
{
    internal static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    /// <summary>Done, answering <paramref name="value"/> (for where the implicit conversion does not apply, e.g. an interface type).</summary>
    public static Result<T> Done<T>(T value) => value;

    /// <summary>These fields are wrong; the detail is their messages in one line.</summary>
    public static Failure Invalid(IReadOnlyDictionary<string, string> errors) =>
        new(ResultStatus.Invalid, errors, string.Join(" ", errors.Values));

    /// <summary>One field is wrong.</summary>
    public static Failure Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });

    /// <summary>What was asked for does not exist; <paramref name="detail"/> says what.</summary>
    public static Failure NotFound(string detail) => new(ResultStatus.NotFound, NoErrors, detail);

    /// <summary>A clash with the current state; <paramref name="field"/> names the field it is about, when there is one.</summary>
    public static Failure Conflict(string detail, string? field = null) =>
        new(ResultStatus.Conflict, field is null ? NoErrors : new Dictionary<string, string> { [field] = detail }, detail);

    /// <summary>A clash with the current state naming several fields; the detail is their messages in one line.</summary>
    public static Failure Conflict(IReadOnlyDictionary<string, string> errors) =>
        new(ResultStatus.Conflict, errors, string.Join(" ", errors.Values));

    /// <summary>The caller may not do this; <paramref name="detail"/> says what they lack.</summary>
    public static Failure Forbidden(string detail) => new(ResultStatus.Forbidden, NoErrors, detail);

    /// <summary>
    /// <paramref name="result"/>, with a NotFound told as <paramref name="detail"/>. A module that finds an item's type in its own
    /// index before asking the content service answers an item the caller may not view (which the service answers NotFound, as it
    /// would a missing id) with the same words as an id its index does not hold, so that the answer tells nothing more.
    /// </summary>
    public static Result<T> NotFoundAs<T>(this Result<T> result, string detail) =>
        result.Status == ResultStatus.NotFound ? NotFound(detail) : result;
}
