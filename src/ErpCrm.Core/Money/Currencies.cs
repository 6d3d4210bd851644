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

    /// <inheritdoc cref="CurrencyAmounts.TryParseAmount(string, int, out long, out string?)"/>
    public static bool TryParseAmount(string text, int digits, out long minorUnits, out string? error) =>
        CurrencyAmounts.TryParseAmount(text, digits, out minorUnits, out error);

    /// <inheritdoc cref="CurrencyAmounts.TryParseAmount(string, string, out long, out string?)"/>
    public static bool TryParseAmount(string text, string currency, out long minorUnits, out string? error) =>
        CurrencyAmounts.TryParseAmount(text, currency, out minorUnits, out error);

    /// <summary>Minor units as text with exactly <paramref name="digits"/> decimals, e.g. <c>-1150.00</c>; optionally with ',' between thousands.</summary>
    public static string FormatAmount(long minorUnits, int digits, bool groupThousands = false) => CurrencyAmounts.FormatAmount(minorUnits, digits, groupThousands);

    /// <summary>Minor units as a decimal amount in the major unit (exact: a decimal holds every long).</summary>
    public static decimal ToMajorUnits(long minorUnits, int digits) => CurrencyAmounts.ToMajorUnits(minorUnits, digits);
}
