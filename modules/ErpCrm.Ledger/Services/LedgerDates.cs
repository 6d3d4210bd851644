using System.Globalization;
using ErpCrm.Dates;

namespace ErpCrm.Ledger.Services;

/// <summary>
/// Dates as the ledger stores and accepts them: ISO <c>yyyy-MM-dd</c>, which sorts and compares as text on both engines. A date a caller
/// gives is read with <see cref="Accept"/>, which also keeps it within <see cref="BusinessDates"/>' range (the ledger computes fiscal years,
/// periods and ages from it); dates read back from the tables with <see cref="Parse"/> and <see cref="ParseOrNull"/>.
/// </summary>
public static class LedgerDates
{
    public const string Format = BusinessDates.Format;

    public static string Text(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    public static string? TextOrNull(DateOnly? date) => date is { } d ? Text(d) : null;

    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, Format, CultureInfo.InvariantCulture);

    /// <summary>The date, or null when the text is missing or not exactly <c>yyyy-MM-dd</c>.</summary>
    public static DateOnly? ParseOrNull(string? text) => BusinessDates.TryParse(text, out var date) ? date : null;

    /// <summary>A date a caller gives: null when it is missing, not exactly <c>yyyy-MM-dd</c>, or outside the range of business dates.</summary>
    public static DateOnly? Accept(string? text) => BusinessDates.TryRead(text, out var date, out _) ? date : null;

    /// <summary>
    /// What to say of text <see cref="Accept"/> refused for <paramref name="field"/>: that the date is outside the range when it is one,
    /// else <paramref name="notADate"/> (the field's own message for text that is no date).
    /// </summary>
    public static string Refusal(string field, string? text, string notADate) =>
        BusinessDates.TryParse(text, out _) ? $"{field} {BusinessDates.OutsideRange}" : notADate;
}
