using ErpCrm.Money;

namespace ErpCrm.Core.Tests;

/// <summary>Numbers typed in a tenant's culture read as the API writes them, and stored numbers show back in it.</summary>
public sealed class FormNumbersTests
{
    [Theory]
    [InlineData("de-DE", "1.234,56", "1234.56")]
    [InlineData("de-DE", "1234,56", "1234.56")]
    [InlineData("de-DE", "1.234.567", "1234567")]
    [InlineData("de-DE", "-0,5", "-0.5")]
    [InlineData("de-DE", ",5", "0.5")]
    [InlineData("en-US", "1,234.56", "1234.56")]
    [InlineData("en-US", "1234.56", "1234.56")]
    [InlineData("en-US", "+12", "12")]
    [InlineData("fr-FR", "1 234,56", "1234.56")]
    [InlineData("fr-FR", "1\u202F234,56", "1234.56")]
    [InlineData("de-CH", "1'234.56", "1234.56")]
    [InlineData("de-DE", "  42  ", "42")]
    [InlineData("de-DE", "", "")]
    public void A_number_typed_in_the_culture_reads_as_its_invariant_text(string culture, string typed, string invariant) =>
        Assert.Equal(invariant, new FormNumbers(culture).ToInvariant(typed));

    [Theory]
    [InlineData("de-DE", "1.5")]       // a '.' that does not group three digits is not read as 15
    [InlineData("de-DE", "1234.56")]
    [InlineData("de-DE", "1,2,3")]
    [InlineData("de-DE", "12,")]
    [InlineData("en-US", "1234,56")]
    [InlineData("en-US", "12,34.5")]
    [InlineData("en-US", "1e5")]
    [InlineData("en-US", "abc")]
    [InlineData("en-US", "-")]
    [InlineData("fr-FR", "1.234,56")]
    public void Text_that_is_not_a_number_in_the_culture_is_refused(string culture, string typed) =>
        Assert.Null(new FormNumbers(culture).ToInvariant(typed));

    [Theory]
    [InlineData("de-DE", "1234.56", "1.234,56")]
    [InlineData("de-DE", "-1234567.5", "-1.234.567,5")]
    [InlineData("fr-FR", "1234.56", "1 234,56")]
    [InlineData("en-GB", "1234.56", "1,234.56")]
    [InlineData("en-US", "1234.56", "1234.56")] // the default shows inputs as they always were
    [InlineData("de-DE", "not a number", "not a number")]
    public void A_stored_number_shows_in_the_culture(string culture, string invariant, string shown) =>
        Assert.Equal(shown, new FormNumbers(culture).Show(invariant));

    [Fact]
    public void The_default_groups_a_total_and_names_its_format_in_errors()
    {
        Assert.Equal("1,234.56", FormNumbers.Default.Show("1234.56", groupThousands: true));
        Assert.Equal("Amount: enter a number like 1.234,56.", new FormNumbers("de-DE").NotANumber("Amount"));
        Assert.Equal("en-US", new FormNumbers("xx-YY").Culture);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("en-US")]
    [InlineData("de-CH")]
    public void What_the_culture_shows_it_reads_back(string culture)
    {
        var numbers = new FormNumbers(culture);
        foreach (var value in new[] { "0.01", "999", "1000", "123456789.12", "-5000.5" })
        {
            Assert.Equal(value, numbers.ToInvariant(numbers.Show(value)));
        }
    }
}
