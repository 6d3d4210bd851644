using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// The date forms DateField and DateTimeField accept and store. A date is stored as Orchard Core stores it,
/// <c>2026-01-31T00:00:00</c> (a DateTime at midnight, no offset), and read from that or <c>2026-01-31</c>; a time
/// other than midnight is refused rather than dropped. A date-time is stored in UTC, <c>2026-01-31T10:00:00Z</c>
/// (fractions of a second kept when given), and read from ISO 8601 with or without an offset (none means UTC).
/// Index text is the date (<c>2026-01-31</c>) or the UTC date-time to the second (<c>2026-01-31T10:00:00Z</c>),
/// which sort in time order as text.
/// </summary>
internal static partial class IsoDates
{
    public static bool TryParseDate(string text, out DateOnly date)
    {
        date = default;
        var match = DateShape().Match(text.Trim());
        return match.Success && DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    public static bool TryParseDate(JsonNode? node, out DateOnly date)
    {
        date = default;
        return JsonScalars.TryGetString(node, out var text) && TryParseDate(text, out date);
    }

    public static string StoredDate(DateOnly date) => DateText(date) + "T00:00:00";

    public static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParseDateTime(string text, out DateTime utc)
    {
        utc = default;
        var trimmed = text.Trim();
        if (!DateTimeShape().IsMatch(trimmed)
            || !DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return false;
        }
        utc = value.UtcDateTime;
        return true;
    }

    public static bool TryParseDateTime(JsonNode? node, out DateTime utc)
    {
        utc = default;
        return JsonScalars.TryGetString(node, out var text) && TryParseDateTime(text, out utc);
    }

    public static string StoredDateTime(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string IndexDateTime(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string DisplayDateTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(T00:00(:00(\.0{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateShape();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeShape();
}
