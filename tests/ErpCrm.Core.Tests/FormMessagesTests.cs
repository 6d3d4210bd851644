using ErpCrm.Http;

namespace ErpCrm.Core.Tests;

/// <summary>A service's message about a field, as a form shows it: the field named by its label, never by its path.</summary>
public sealed class FormMessagesTests
{
    [Theory]
    [InlineData("lines[1].debit", "debit is an amount: a number.", "Debit of line 2", "Debit of line 2 is an amount: a number.")]
    [InlineData("dueDate", "dueDate cannot be before the entry's date.", "Due date", "Due date cannot be before the entry's date.")]
    [InlineData("date", "date must be a date (yyyy-MM-dd).", "Date", "Date must be a date (yyyy-MM-dd).")]
    [InlineData("ContactPart.Email", "ContactPart.Email is already used.", "Email", "Email is already used.")]
    [InlineData("LeadPart.Probability", "Probability (%) must be at most 100.", "Probability (%)", "Probability (%) must be at most 100.")]
    [InlineData("TitlePart.Title", "A name is required.", "Title", "A name is required.")]
    [InlineData("TitlePart.Title", "A name is required.", null, "A name is required.")]
    public void Next_to_the_field_a_message_names_it_by_its_label(string key, string message, string? label, string shown) =>
        Assert.Equal(shown, FormMessages.Labelled(key, message, label));

    [Theory]
    [InlineData("TitlePart.Title", "A name is required.", "Title", "Title: A name is required.")]
    [InlineData("Company.Industry", "Industry is required.", "Industry", "Industry is required.")]
    [InlineData("LeadPart.ExpectedRevenue", "Expected revenue has 3 decimals; USD allows 2.", "Expected revenue amount", "Expected revenue has 3 decimals; USD allows 2.")]
    public void In_the_summary_a_message_that_names_no_field_is_prefixed_with_the_label(string key, string message, string label, string shown) =>
        Assert.Equal(shown, FormMessages.Labelled(key, message, label, named: true));
}
