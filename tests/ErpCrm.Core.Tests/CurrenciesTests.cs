using ErpCrm.Core.Money;

namespace ErpCrm.Core.Tests;

/// <summary>Exact amounts in minor units, for the money field and the ledger.</summary>
public sealed class CurrenciesTests
{
    [Theory]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("ISK", 0)]
    public void Known_currencies_have_their_ISO_minor_units(string code, int digits)
    {
        Assert.True(Currencies.TryGetMinorUnits(code, out var actual));
        Assert.Equal(digits, actual);
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("XYZ")]
    [InlineData("EU")]
    [InlineData("")]
    [InlineData(null)]
    public void Lowercase_and_unknown_codes_are_not_currencies(string? code) => Assert.False(Currencies.TryGetMinorUnits(code, out _));

    [Theory]
    [InlineData("1150.5", 2, 115050, "1150.50")]
    [InlineData("1150", 2, 115000, "1150.00")]
    [InlineData("-0.05", 2, -5, "-0.05")]
    [InlineData("+12", 2, 1200, "12.00")]
    [InlineData(" 7.25 ", 2, 725, "7.25")]
    [InlineData("1500", 0, 1500, "1500")]
    [InlineData("1.234", 3, 1234, "1.234")]
    [InlineData("-0", 2, 0, "0.00")]
    [InlineData("1.500", 2, 150, "1.50")]
    [InlineData("0007", 0, 7, "7")]
    public void Amounts_parse_to_minor_units_and_format_back_with_exactly_the_currency_decimals(string text, int digits, long minorUnits, string formatted)
    {
        Assert.True(Currencies.TryParseAmount(text, digits, out var actual, out var error), error);
        Assert.Equal(minorUnits, actual);
        Assert.Equal(formatted, Currencies.FormatAmount(actual, digits));
        Assert.True(Currencies.TryParseAmount(formatted, digits, out var again, out _));
        Assert.Equal(actual, again);
    }

    [Fact]
    public void An_amount_with_more_decimals_than_its_currency_allows_is_refused_not_rounded()
    {
        Assert.False(Currencies.TryParseAmount("10.005", "EUR", out _, out var error));
        Assert.Equal("has 3 decimals; EUR allows 2", error);
        Assert.False(Currencies.TryParseAmount("100.5", "JPY", out _, out error));
        Assert.Equal("has 1 decimal; JPY allows none", error);
        Assert.False(Currencies.TryParseAmount("1.2345", 3, out _, out error));
        Assert.Equal("has 4 decimals; 3 are allowed", error);
    }

    [Theory]
    [InlineData("1,150.00")]
    [InlineData("1e3")]
    [InlineData("12.")]
    [InlineData(".5")]
    [InlineData("--1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1 000")]
    public void Text_that_is_not_a_plain_amount_is_refused(string text)
    {
        Assert.False(Currencies.TryParseAmount(text, 2, out _, out var error));
        Assert.StartsWith("is not an amount", error);
    }

    [Theory]
    [InlineData("92233720368547758.07", 2, long.MaxValue)]
    [InlineData("-92233720368547758.08", 2, long.MinValue)]
    [InlineData("9223372036854775807", 0, long.MaxValue)]
    public void The_largest_amounts_a_long_holds_round_trip(string text, int digits, long minorUnits)
    {
        Assert.True(Currencies.TryParseAmount(text, digits, out var actual, out _));
        Assert.Equal(minorUnits, actual);
        Assert.Equal(text, Currencies.FormatAmount(actual, digits));
    }

    [Theory]
    [InlineData("92233720368547758.08", 2)]
    [InlineData("9223372036854775808", 0)]
    [InlineData("100000000000000000000000000000000000000000", 2)]
    [InlineData("9223372036854775.808", 3)]
    public void Amounts_beyond_a_long_in_minor_units_are_refused_as_too_large(string text, int digits)
    {
        Assert.False(Currencies.TryParseAmount(text, digits, out _, out var error));
        Assert.Equal("is too large", error);
    }

    [Theory]
    [InlineData(115000, 2, "1,150.00")]
    [InlineData(-123456789, 2, "-1,234,567.89")]
    [InlineData(1500000, 0, "1,500,000")]
    [InlineData(5, 3, "0.005")]
    [InlineData(long.MinValue, 2, "-92,233,720,368,547,758.08")]
    public void Formatting_can_group_thousands_in_the_invariant_culture(long minorUnits, int digits, string expected) =>
        Assert.Equal(expected, Currencies.FormatAmount(minorUnits, digits, groupThousands: true));

    [Fact]
    public void Minor_units_convert_exactly_to_decimal_major_units()
    {
        Assert.Equal(1150.50m, Currencies.ToMajorUnits(115050, 2));
        Assert.Equal(-0.005m, Currencies.ToMajorUnits(-5, 3));
        Assert.Equal(long.MaxValue, Currencies.ToMajorUnits(long.MaxValue, 0));
        Assert.Equal(-92233720368547758.08m, Currencies.ToMajorUnits(long.MinValue, 2));
    }
}
