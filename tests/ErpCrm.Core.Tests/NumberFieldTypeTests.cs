using static ErpCrm.Core.Tests.ContentFieldTestHarness;

namespace ErpCrm.Core.Tests;

/// <summary>NumericField and MoneyField: exact numbers, never rounded.</summary>
public sealed class NumberFieldTypeTests
{
    private const string Eur = """{"ContentPartFieldSettings": {"DisplayName": "Expected revenue"}, "MoneyFieldSettings": {"Currency": "EUR"}}""";

    [Theory]
    [InlineData("""{"Value": 12.5}""", """{"Value":12.5}""")]
    [InlineData("""{"Value": "12.50"}""", """{"Value":12.5}""")]
    [InlineData("""{"Value": " -3 "}""", """{"Value":-3}""")]
    [InlineData("""{"Value": 1e2}""", """{"Value":100}""")]
    [InlineData("""{"Value": 0.1}""", """{"Value":0.1}""")]
    public async Task Numbers_and_numeric_strings_are_stored_as_JSON_numbers(string given, string stored)
    {
        var saved = await Save("NumericField", given);

        saved.AssertValid();
        Assert.Equal(stored, saved.Json);
    }

    [Theory]
    [InlineData("""{"Value": "twelve"}""")]
    [InlineData("""{"Value": "1,5"}""")]
    [InlineData("""{"Value": true}""")]
    [InlineData("""{"Value": [1]}""")]
    public async Task A_numeric_value_that_is_not_a_number_is_rejected(string value)
    {
        Assert.Equal("ExpectedRevenue must be a number.", (await Save("NumericField", value)).Error);
    }

    [Fact]
    public async Task A_number_with_more_decimals_than_its_scale_is_rejected_not_rounded()
    {
        var saved = await Save("NumericField", """{"Value": 1.005}""", """{"NumericFieldSettings": {"Scale": 2}}""");

        Assert.Equal("ExpectedRevenue has 3 decimals; at most 2 are allowed.", saved.Error);
        Assert.Equal("ExpectedRevenue must be a whole number.", (await Save("NumericField", """{"Value": 1.5}""", """{"NumericFieldSettings": {"Scale": 0}}""")).Error);
        (await Save("NumericField", """{"Value": 1.500}""", """{"NumericFieldSettings": {"Scale": 1}}""")).AssertValid();
    }

    [Fact]
    public async Task Numbers_outside_minimum_and_maximum_are_rejected()
    {
        const string settings = """{"NumericFieldSettings": {"Minimum": 0, "Maximum": "100"}}""";

        Assert.Equal("ExpectedRevenue must be at least 0.", (await Save("NumericField", """{"Value": -0.5}""", settings)).Error);
        Assert.Equal("ExpectedRevenue must be at most 100.", (await Save("NumericField", """{"Value": 100.01}""", settings)).Error);
        (await Save("NumericField", """{"Value": 100}""", settings)).AssertValid();
    }

    [Fact]
    public async Task Required_numbers_must_be_given_and_the_default_fills_a_missing_field()
    {
        Assert.Equal("ExpectedRevenue is required.", (await Save("NumericField", """{"Value": ""}""", """{"NumericFieldSettings": {"Required": true}}""")).Error);
        Assert.Equal("""{"Value":5}""", (await Save("NumericField", null, """{"NumericFieldSettings": {"DefaultValue": "5"}}""")).Json);
        Assert.Equal("{}", (await Save("NumericField", "{}", """{"NumericFieldSettings": {"DefaultValue": "5"}}""")).Json);
    }

    [Fact]
    public void Numbers_index_as_numbers_and_display_with_their_scale()
    {
        var (index, display) = Read("NumericField", """{"Value": 12.5}""", """{"NumericFieldSettings": {"Scale": 2}}""");

        Assert.Equal(12.5m, index!.Number);
        Assert.Equal("12.50", display);
        Assert.Equal("1234567.891", Read("NumericField", """{"Value": 1234567.891}""").Display);
    }

    [Theory]
    [InlineData("""{"Amount": 1150}""", """{"Amount":"1150.00","Currency":"EUR"}""")]
    [InlineData("""{"Amount": "1150.5", "Currency": "EUR"}""", """{"Amount":"1150.50","Currency":"EUR"}""")]
    [InlineData("""{"Amount": 1150.50, "Currency": "eur"}""", """{"Amount":"1150.50","Currency":"EUR"}""")]
    [InlineData("""{"Amount": "-0.05"}""", """{"Amount":"-0.05","Currency":"EUR"}""")]
    public async Task Money_is_stored_as_text_with_exactly_its_currency_decimals(string given, string stored)
    {
        var saved = await Save("MoneyField", given, Eur);

        saved.AssertValid();
        Assert.Equal(stored, saved.Json);
    }

    [Fact]
    public async Task Money_with_more_decimals_than_its_currency_allows_is_rejected_not_rounded()
    {
        var saved = await Save("MoneyField", """{"Amount": 10.005}""", Eur);

        Assert.Equal("Expected revenue has 3 decimals; EUR allows 2.", Assert.Single(saved.Errors, e => e.Key == "Lead.ExpectedRevenue.Amount").Value);
        Assert.Equal("""{"Amount":10.005}""", saved.Json);
    }

    [Fact]
    public async Task Money_in_currencies_without_minor_units_or_with_three_keeps_their_decimals()
    {
        Assert.Equal("""{"Amount":"1500","Currency":"JPY"}""", (await Save("MoneyField", """{"Amount": 1500, "Currency": "JPY"}""")).Json);
        Assert.Equal("ExpectedRevenue has 1 decimal; JPY allows none.", (await Save("MoneyField", """{"Amount": "1500.5", "Currency": "JPY"}""")).Error);
        Assert.Equal("""{"Amount":"1.250","Currency":"BHD"}""", (await Save("MoneyField", """{"Amount": "1.25", "Currency": "BHD"}""")).Json);
    }

    [Fact]
    public async Task Money_in_another_currency_than_the_fixed_one_is_rejected()
    {
        var saved = await Save("MoneyField", """{"Amount": 5, "Currency": "USD"}""", Eur);

        Assert.Equal("Expected revenue is in USD; it must be in EUR.", Assert.Single(saved.Errors, e => e.Key == "Lead.ExpectedRevenue.Currency").Value);
    }

    [Theory]
    [InlineData("""{"Amount": 5}""", "ExpectedRevenue needs a currency (an ISO 4217 code such as EUR).")]
    [InlineData("""{"Amount": 5, "Currency": "XYZ"}""", "ExpectedRevenue has an unknown currency 'XYZ'.")]
    [InlineData("""{"Amount": 5, "Currency": 978}""", "ExpectedRevenue must be text.")]
    [InlineData("""{"Amount": "5 EUR", "Currency": "EUR"}""", "ExpectedRevenue is not an amount (digits, an optional '-' and '.', no thousands separators).")]
    [InlineData("""{"Amount": true, "Currency": "EUR"}""", "ExpectedRevenue must be an amount such as 1150.00.")]
    [InlineData("""{"Amount": "99999999999999999999", "Currency": "EUR"}""", "ExpectedRevenue is too large.")]
    public async Task Money_without_a_known_currency_or_a_plain_amount_is_rejected(string value, string error)
    {
        Assert.Equal(error, (await Save("MoneyField", value)).Error);
    }

    [Fact]
    public async Task Money_outside_minimum_and_maximum_is_rejected_exactly()
    {
        const string settings = """{"MoneyFieldSettings": {"Currency": "EUR", "Minimum": 0, "Maximum": 1000}}""";

        Assert.Equal("ExpectedRevenue must be at least 0 EUR.", (await Save("MoneyField", """{"Amount": "-0.01"}""", settings)).Error);
        Assert.Equal("ExpectedRevenue must be at most 1000 EUR.", (await Save("MoneyField", """{"Amount": "1000.01"}""", settings)).Error);
        (await Save("MoneyField", """{"Amount": "1000.00"}""", settings)).AssertValid();
    }

    [Fact]
    public async Task Required_money_needs_an_amount_and_optional_money_may_be_empty()
    {
        Assert.Equal("ExpectedRevenue is required.", (await Save("MoneyField", """{"Currency": "EUR"}""", """{"MoneyFieldSettings": {"Required": true}}""")).Error);
        (await Save("MoneyField", """{"Amount": ""}""")).AssertValid();
    }

    [Fact]
    public void Money_indexes_as_its_major_unit_amount_and_displays_with_grouping_and_code()
    {
        var (index, display) = Read("MoneyField", """{"Amount": "1150.00", "Currency": "EUR"}""");

        Assert.Equal(1150m, index!.Number);
        Assert.Equal("1,150.00 EUR", display);
        Assert.Null(Read("MoneyField", """{"Currency": "EUR"}""").Index);
    }
}
