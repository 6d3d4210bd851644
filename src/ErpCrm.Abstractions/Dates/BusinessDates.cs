using System.Globalization;

namespace ErpCrm.Dates;

/// <summary>
/// The days a business record may carry: from <see cref="First"/> (1900-01-01) to <see cref="Last"/> (2999-12-31), written ISO
/// <c>yyyy-MM-dd</c>. <see cref="DateOnly"/> and <see cref="DateTime"/> reach from year 1 to 9999, but books and reports compute with the
/// days they are given (a fiscal year's end a year after its start, the day after a period, the months between two days, an age in days),
/// and near the calendar's ends that arithmetic throws. No business record is dated there, so a day outside the range is a mistake: refused
/// where it is read, with <see cref="OutsideRange"/>, so that everything after may compute freely. Modules read the days callers give with
/// <see cref="TryRead"/>.
/// </summary>
public static class BusinessDates
{
    /// <summary>How a day is written: ISO 8601, which sorts and compares as text.</summary>
    public const string Format = "yyyy-MM-dd";

    /// <summary>The first day a business record may carry.</summary>
    public static readonly DateOnly First = new(1900, 1, 1);

    /// <summary>The last day a business record may carry.</summary>
    public static readonly DateOnly Last = new(2999, 12, 31);

    /// <summary>Why a day outside the range is refused: a phrase to follow the field's name.</summary>
    public const string OutsideRange = "must be from 1900-01-01 to 2999-12-31: no business record is dated outside those years.";

    /// <summary>Whether the day is in the range.</summary>
    public static bool Contains(DateOnly day) => day >= First && day <= Last;

    /// <summary>Whether the instant falls on a day of the range (in UTC).</summary>
    public static bool Contains(DateTimeOffset instant) => Contains(DateOnly.FromDateTime(instant.UtcDateTime));

    /// <summary>Whether the text is a date written exactly <c>yyyy-MM-dd</c> (surrounding spaces aside), in range or not.</summary>
    public static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>
    /// A day a caller gives: true with the day when the text is <c>yyyy-MM-dd</c> within the range; false otherwise, with
    /// <paramref name="outsideRange"/> telling a well-written day outside the range (say <see cref="OutsideRange"/>) from text that is no
    /// date at all (say what the field expects).
    /// </summary>
    public static bool TryRead(string? text, out DateOnly day, out bool outsideRange)
    {
        var parsed = TryParse(text, out day);
        outsideRange = parsed && !Contains(day);
        return parsed && !outsideRange;
    }
}
