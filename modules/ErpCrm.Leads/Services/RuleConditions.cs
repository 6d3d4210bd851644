using System.Globalization;
using ErpCrm.Content;
using ErpCrm.Leads.Models;

namespace ErpCrm.Leads.Services;

/// <summary>
/// The operators of scoring and assignment conditions and how a lead meets one. Text compares ignoring case and surrounding
/// spaces; greaterThan and lessThan compare numbers (a field or value that is not a number never meets them); equals
/// compares numbers as numbers when both are (so 10 equals 10.0). A field the lead does not have, or an empty one, is not set.
/// </summary>
public static class RuleOperators
{
    public const string EqualsOp = "equals";
    public const string NotEquals = "notEquals";
    public const string Contains = "contains";
    public const string IsSet = "isSet";
    public const string IsNotSet = "isNotSet";
    public const string GreaterThan = "greaterThan";
    public const string LessThan = "lessThan";

    public static readonly IReadOnlyList<string> All = [EqualsOp, NotEquals, Contains, IsSet, IsNotSet, GreaterThan, LessThan];

    /// <summary>The operator as spelled in <see cref="All"/>, matching ignoring case; null when unknown.</summary>
    public static string? Canonical(string? op) => All.FirstOrDefault(o => string.Equals(o, op?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Checks a condition's shape; errors keyed <paramref name="path"/>.field, .operator, .value.</summary>
    public static void Validate(RuleCondition? condition, string path, IDictionary<string, string> errors)
    {
        if (condition is null)
        {
            errors[path] = $"{path} needs a condition: field, operator and value.";
            return;
        }
        if (string.IsNullOrWhiteSpace(condition.Field) || condition.Field.Length > PipelineLimits.MaxFieldLength
            || !condition.Field.Split('.').All(s => s.Length > 0 && char.IsAsciiLetter(s[0]) && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            || condition.Field.Count(c => c == '.') > 1)
        {
            errors[$"{path}.field"] = $"field names a lead field: a LeadPart field such as Source, or Part.Field such as Lead.Budget (letters, digits and '_', at most {PipelineLimits.MaxFieldLength} characters).";
        }
        var op = Canonical(condition.Operator);
        if (op is null)
        {
            errors[$"{path}.operator"] = $"operator '{condition.Operator}' is not one of {string.Join(", ", All)}.";
            return;
        }
        if (op is IsSet or IsNotSet)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(condition.Value) || condition.Value.Length > PipelineLimits.MaxValueLength)
        {
            errors[$"{path}.value"] = $"{op} needs a value of 1 to {PipelineLimits.MaxValueLength} characters.";
        }
        else if (op is GreaterThan or LessThan && !TryNumber(condition.Value, out _))
        {
            errors[$"{path}.value"] = $"{op} compares numbers: '{condition.Value}' is not a number.";
        }
    }

    /// <summary>Whether the lead meets the (valid) condition.</summary>
    public static bool Matches(ContentItem lead, RuleCondition condition)
    {
        var actual = LeadPartValues.FieldText(lead, condition.Field!);
        var expected = condition.Value?.Trim() ?? "";
        return Canonical(condition.Operator) switch
        {
            IsSet => actual is not null,
            IsNotSet => actual is null,
            EqualsOp => actual is not null && Same(actual, expected),
            NotEquals => actual is null || !Same(actual, expected),
            Contains => actual is not null && actual.Contains(expected, StringComparison.OrdinalIgnoreCase),
            GreaterThan => TryNumber(actual, out var a) && TryNumber(expected, out var b) && a > b,
            LessThan => TryNumber(actual, out var c) && TryNumber(expected, out var d) && c < d,
            _ => false,
        };
    }

    private static bool Same(string actual, string expected) =>
        TryNumber(actual, out var a) && TryNumber(expected, out var b) ? a == b : string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);

    private static bool TryNumber(string? text, out decimal number) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
}
