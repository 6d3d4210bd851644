using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace ErpCrm.Money;

/// <summary>
/// ISO 4217 currencies and how their exact amounts read: a whole number of the currency's minor unit (cents for EUR, yen for
/// JPY) held in a <see cref="long"/>, turned into text or a decimal without rounding. Modules that show amounts stored in
/// minor units (an index's revenue, a report's total) use these; parsing and validation stay in the kernel's money fields.
/// </summary>
public static class CurrencyAmounts
{
    /// <summary>The currencies this host knows, by code, with the number of decimals of their minor unit.</summary>
    public static readonly FrozenDictionary<string, int> MinorUnits = new Dictionary<string, int>
    {
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["CHF"] = 2, ["JPY"] = 0, ["KRW"] = 0, ["CNY"] = 2, ["INR"] = 2,
        ["AUD"] = 2, ["CAD"] = 2, ["NZD"] = 2, ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2, ["PLN"] = 2, ["CZK"] = 2,
        ["HUF"] = 2, ["BRL"] = 2, ["MXN"] = 2, ["ZAR"] = 2, ["SGD"] = 2, ["HKD"] = 2, ["BHD"] = 3, ["KWD"] = 3,
        ["JOD"] = 3, ["OMR"] = 3, ["TND"] = 3, ["ISK"] = 0, ["CLP"] = 0, ["VND"] = 0, ["TRY"] = 2, ["RON"] = 2,
        ["BGN"] = 2, ["ILS"] = 2, ["AED"] = 2, ["SAR"] = 2, ["THB"] = 2, ["MYR"] = 2, ["IDR"] = 2, ["PHP"] = 2,
        ["TWD"] = 2, ["EGP"] = 2, ["NGN"] = 2, ["KES"] = 2, ["MAD"] = 2, ["COP"] = 2, ["PEN"] = 2, ["ARS"] = 2,
        ["UAH"] = 2, ["IQD"] = 3, ["LYD"] = 3, ["XOF"] = 0, ["XAF"] = 0, ["UYU"] = 2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The most decimals a currency in <see cref="MinorUnits"/> has.</summary>
    public const int MaxMinorUnits = 3;

    /// <summary>Whether <paramref name="code"/> is a known currency (exact, uppercase); its minor unit's decimals when it is.</summary>
    public static bool TryGetMinorUnits(string? code, out int digits)
    {
        digits = 0;
        return code is not null && MinorUnits.TryGetValue(code, out digits);
    }

    /// <summary>Minor units as text with exactly <paramref name="digits"/> decimals, e.g. <c>-1150.00</c>; optionally with ',' between thousands.</summary>
    public static string FormatAmount(long minorUnits, int digits, bool groupThousands = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MaxMinorUnits);
        var text = Magnitude(minorUnits).ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        var whole = text[..^digits];
        var builder = new StringBuilder(text.Length + 8);
        if (minorUnits < 0)
        {
            builder.Append('-');
        }
        for (var i = 0; i < whole.Length; i++)
        {
            if (groupThousands && i > 0 && (whole.Length - i) % 3 == 0)
            {
                builder.Append(',');
            }
            builder.Append(whole[i]);
        }
        if (digits > 0)
        {
            builder.Append('.').Append(text, text.Length - digits, digits);
        }
        return builder.ToString();
    }

    /// <summary>Minor units as a decimal amount in the major unit (exact: a decimal holds every long).</summary>
    public static decimal ToMajorUnits(long minorUnits, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MaxMinorUnits);
        var magnitude = Magnitude(minorUnits);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, minorUnits < 0, (byte)digits);
    }

    // As ulong, so that long.MinValue has one too.
    private static ulong Magnitude(long value) => value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;


    /// <summary>An amount of a currency as text with the currency's decimals and ',' between thousands (e.g. <c>1,500.50</c>);
    /// a currency this host does not know shows its minor units as they are.</summary>
    public static string Format(long minorUnits, string currency) =>
        TryGetMinorUnits(currency, out var digits) ? FormatAmount(minorUnits, digits, groupThousands: true) : minorUnits.ToString(CultureInfo.InvariantCulture);

    /// <summary>An amount of a currency in its major unit (exact); a currency this host does not know counts its minor units.</summary>
    public static decimal ToMajorUnits(long minorUnits, string currency) =>
        TryGetMinorUnits(currency, out var digits) ? ToMajorUnits(minorUnits, digits) : minorUnits;

    /// <summary>
    /// Reads an amount such as <c>1150.5</c>, <c>-0.05</c> or <c>+12</c> (optional sign, digits, optional '.' and
    /// digits; no grouping, no exponent; surrounding spaces ignored) into minor units. Trailing zeros beyond the
    /// allowed decimals are accepted (<c>1.500</c> is 1.50: nothing is lost); any other extra decimal is refused.
    /// </summary>
    /// <param name="text">The amount.</param>
    /// <param name="digits">The decimals of the minor unit (0..<see cref="MaxMinorUnits"/>).</param>
    /// <param name="minorUnits">The amount in minor units.</param>
    /// <param name="error">When refused: what is wrong, worded to follow the amount's name ("has 3 decimals; 2 are allowed").</param>
    public static bool TryParseAmount(string text, int digits, out long minorUnits, out string? error) =>
        TryParse(text, digits, null, out minorUnits, out error);

    /// <summary>As <see cref="TryParseAmount(string, int, out long, out string?)"/>, for a known currency (its code names the limit in errors).</summary>
    public static bool TryParseAmount(string text, string currency, out long minorUnits, out string? error)
    {
        if (!TryGetMinorUnits(currency, out var digits))
        {
            minorUnits = 0;
            error = $"has an unknown currency '{currency}'";
            return false;
        }
        return TryParse(text, digits, currency, out minorUnits, out error);
    }

    private static bool TryParse(string text, int digits, string? currency, out long minorUnits, out string? error)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MaxMinorUnits);
        minorUnits = 0;
        var span = text.AsSpan().Trim();
        var negative = false;
        if (span.Length > 0 && span[0] is '-' or '+')
        {
            negative = span[0] == '-';
            span = span[1..];
        }
        var point = span.IndexOf('.');
        var whole = point < 0 ? span : span[..point];
        var fraction = point < 0 ? [] : span[(point + 1)..];
        if (whole.Length == 0 || (point >= 0 && fraction.Length == 0) || !AllDigits(whole) || !AllDigits(fraction))
        {
            error = "is not an amount (digits, an optional '-' and '.', no thousands separators)";
            return false;
        }
        var significant = fraction.TrimEnd('0');
        if (significant.Length > digits)
        {
            var allowed = currency is null ? $"{digits} {(digits == 1 ? "is" : "are")} allowed" : digits == 0 ? $"{currency} allows none" : $"{currency} allows {digits}";
            error = $"has {significant.Length} decimal{(significant.Length == 1 ? "" : "s")}; {allowed}";
            return false;
        }
        whole = whole.TrimStart('0');
        // 19 digits may still fit a long; 20 never do. Int128 holds 38, so the sum below cannot overflow.
        if (whole.Length + digits > 19)
        {
            error = "is too large";
            return false;
        }
        Int128 value = 0;
        foreach (var c in whole)
        {
            value = value * 10 + (c - '0');
        }
        for (var i = 0; i < digits; i++)
        {
            value = value * 10 + (i < significant.Length ? significant[i] - '0' : 0);
        }
        if (negative)
        {
            value = -value;
        }
        if (value > long.MaxValue || value < long.MinValue)
        {
            error = "is too large";
            return false;
        }
        minorUnits = (long)value;
        error = null;
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }
}
