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

    /// <summary>The date as <see cref="Format"/> writes it, digit by digit: every posted line and hash writes one, and the custom format's
    /// parser cost more than the rest of the posting's arithmetic.</summary>
    public static string Text(DateOnly date) => string.Create(10, date, static (text, day) => Write(day, text));

    /// <summary>Writes the date's 10 characters (<see cref="Text"/>) into <paramref name="text"/>.</summary>
    public static void Write(DateOnly date, Span<char> text)
    {
        var (year, month, dayOfMonth) = (date.Year, date.Month, date.Day);
        text[0] = (char)('0' + year / 1000);
        text[1] = (char)('0' + year / 100 % 10);
        text[2] = (char)('0' + year / 10 % 10);
        text[3] = (char)('0' + year % 10);
        text[4] = '-';
        text[5] = (char)('0' + month / 10);
        text[6] = (char)('0' + month % 10);
        text[7] = '-';
        text[8] = (char)('0' + dayOfMonth / 10);
        text[9] = (char)('0' + dayOfMonth % 10);
    }

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
