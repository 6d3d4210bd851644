namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// <c>EmailField</c>: <c>{"Email": "…"}</c>, stored trimmed. A plausible address, not a verified one: one '@' with text
/// before it, no spaces, a domain with a dot (not at either end, none doubled), at most 254 characters.
/// Settings <c>EmailFieldSettings</c>: Required, Hint.
/// </summary>
internal sealed class EmailFieldType : TextValueFieldType
{
    /// <summary>The longest address SMTP carries.</summary>
    public const int MaxLength = 254;

    public override string Name => "EmailField";

    public override string DisplayName => "Email";

    protected override string Property => "Email";

    protected override string? Check(FieldInput input, string text)
    {
        var email = text.Trim();
        if (!IsPlausible(email))
        {
            input.Error("is not a valid email address");
        }
        return email;
    }

    /// <summary>Whether the (trimmed) text looks like an email address.</summary>
    public static bool IsPlausible(string email)
    {
        var at = email.IndexOf('@');
        if (email.Length > MaxLength || at <= 0 || at != email.LastIndexOf('@') || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }
        var domain = email[(at + 1)..];
        return domain.Contains('.') && !domain.Contains("..") && domain[0] is not ('.' or '-') && domain[^1] is not ('.' or '-');
    }
}
