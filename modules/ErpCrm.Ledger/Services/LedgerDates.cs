using System.Globalization;

namespace ErpCrm.Ledger.Services;

/// <summary>Dates as the ledger stores and accepts them: ISO <c>yyyy-MM-dd</c>, which sorts and compares as text on both engines.</summary>
public static class LedgerDates
{
    public const string Format = "yyyy-MM-dd";

    public static string Text(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    public static string? TextOrNull(DateOnly? date) => date is { } d ? Text(d) : null;

    public static DateOnly Parse(string text) => DateOnly.ParseExact(text, Format, CultureInfo.InvariantCulture);

    /// <summary>The date, or null when the text is missing or not exactly <c>yyyy-MM-dd</c>.</summary>
    public static DateOnly? ParseOrNull(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
