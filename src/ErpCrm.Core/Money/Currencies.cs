using System.Collections.Frozen;
using System.Globalization;
using ErpCrm.Money;

namespace ErpCrm.Core.Money;

/// <summary>
/// ISO 4217 currencies and exact amounts. An amount is a whole number of the currency's minor unit (cents for EUR,
/// yen for JPY, fils for BHD) held in a <see cref="long"/>; text goes in and out in the invariant culture, and no
/// floating point is involved anywhere, so nothing is ever rounded: an amount with more decimals than its currency
/// allows is an error, not a guess.
/// Invariants: a code is three uppercase ASCII letters from <see cref="MinorUnits"/>; minor units are 0..3 digits;
/// amounts fit a <see cref="long"/> in minor units (about ±9.2e18), anything larger is refused as too large.
/// </summary>
public static class Currencies
{
    /// <summary>The currencies this host knows, by code, with the number of decimals of their minor unit.</summary>
    public static FrozenDictionary<string, int> MinorUnits => CurrencyAmounts.MinorUnits;

    /// <summary>The most decimals a currency in <see cref="MinorUnits"/> has.</summary>
    public const int MaxMinorUnits = CurrencyAmounts.MaxMinorUnits;

    /// <summary>Whether <paramref name="code"/> is a known currency (exact, uppercase); its minor unit's decimals when it is.</summary>
    public static bool TryGetMinorUnits(string? code, out int digits) => CurrencyAmounts.TryGetMinorUnits(code, out digits);

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

    /// <summary>Minor units as text with exactly <paramref name="digits"/> decimals, e.g. <c>-1150.00</c>; optionally with ',' between thousands.</summary>
    public static string FormatAmount(long minorUnits, int digits, bool groupThousands = false) => CurrencyAmounts.FormatAmount(minorUnits, digits, groupThousands);

    /// <summary>Minor units as a decimal amount in the major unit (exact: a decimal holds every long).</summary>
    public static decimal ToMajorUnits(long minorUnits, int digits) => CurrencyAmounts.ToMajorUnits(minorUnits, digits);

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
