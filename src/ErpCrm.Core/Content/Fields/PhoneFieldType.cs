namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// <c>PhoneField</c>: <c>{"Phone": "…"}</c>, stored trimmed and otherwise as written (people format numbers their way).
/// Digits with an optional leading '+', and spaces, '-', '.', '(' and ')' between them; 4 to 20 digits.
/// Settings <c>PhoneFieldSettings</c>: Required, Hint.
/// </summary>
internal sealed class PhoneFieldType : TextValueFieldType
{
    public const int MinDigits = 4;

    public const int MaxDigits = 20;

    public override string Name => "PhoneField";

    public override string DisplayName => "Phone";

    protected override string Property => "Phone";

    protected override string? Check(FieldInput input, string text)
    {
        var phone = text.Trim();
        var body = phone.StartsWith('+') ? phone[1..] : phone;
        if (body.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '.' or '(' or ')')))
        {
            input.Error("may hold only digits, a leading '+', spaces, '-', '.', '(' and ')'");
        }
        else if (body.Count(char.IsAsciiDigit) is var digits && digits is < MinDigits or > MaxDigits)
        {
            input.Error($"has {digits} digits; a phone number has {MinDigits} to {MaxDigits}");
        }
        return phone;
    }
}
