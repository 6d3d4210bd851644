namespace ErpCrm.Core.Identity;

/// <summary>How a change asked of a service ended.</summary>
public enum ChangeStatus
{
    /// <summary>The change was made (or there was nothing to change).</summary>
    Done,
    /// <summary>Fields are wrong: <see cref="ChangeFailure.Errors"/> names each of them.</summary>
    Invalid,
    /// <summary>What the change is about does not exist.</summary>
    NotFound,
    /// <summary>The change contradicts the current state (a name taken, the last administrator…).</summary>
    Conflict,
    /// <summary>The actor may use the service, but not on this: it would give or touch more than they hold.</summary>
    Forbidden,
}

/// <summary>Why a change was not made: every bad field with its message, or one detail.</summary>
public sealed record ChangeFailure(ChangeStatus Status, IReadOnlyDictionary<string, string> Errors, string Detail)
{
    public static ChangeFailure Invalid(IReadOnlyDictionary<string, string> errors) =>
        new(ChangeStatus.Invalid, errors, string.Join(" ", errors.Values));

    public static ChangeFailure Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });

    public static ChangeFailure NotFound(string detail) => new(ChangeStatus.NotFound, Empty, detail);

    /// <summary>A conflict; <paramref name="field"/> names the field it is about, when there is one.</summary>
    public static ChangeFailure Conflict(string detail, string? field = null) =>
        new(ChangeStatus.Conflict, field is null ? Empty : new Dictionary<string, string> { [field] = detail }, detail);

    public static ChangeFailure Forbidden(string detail) => new(ChangeStatus.Forbidden, Empty, detail);

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}

/// <summary>
/// The outcome of a change that users can get wrong: the value when done, else the failure. Services return
/// this instead of throwing, so that the API and the admin pages show the same messages next to the same fields.
/// </summary>
public sealed class ChangeResult<T>
{
    private ChangeResult(T? value, ChangeFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public ChangeFailure? Failure { get; }

    public ChangeStatus Status => Failure?.Status ?? ChangeStatus.Done;

    public static implicit operator ChangeResult<T>(T value) => new(value, null);

    public static implicit operator ChangeResult<T>(ChangeFailure failure) => new(default, failure);
}
