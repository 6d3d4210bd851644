using ErpCrm.Contacts.Services;

namespace ErpCrm.Contacts.Tests;

/// <summary>How the contact import reads cells of the kinds spreadsheets write.</summary>
public sealed class ContactCsvValuesTests
{
    [Theory]
    [InlineData("yes", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData(" no ", false)]
    [InlineData("", false)]
    [InlineData("0", false)]
    public void Yes_and_no_are_read_as_spreadsheets_write_them(string text, bool expected)
    {
        Assert.True(ContactCsvValues.TryParseBoolean(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Anything_else_is_not_a_yes_or_no()
    {
        Assert.False(ContactCsvValues.TryParseBoolean("maybe", out _));
    }
}
