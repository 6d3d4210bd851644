using static ErpCrm.Core.Tests.ContentFieldTestHarness;

namespace ErpCrm.Core.Tests;

/// <summary>Text-like fields: TextField, HtmlField, MarkdownField, EmailField, PhoneField.</summary>
public sealed class TextFieldTypeTests
{
    [Fact]
    public async Task Text_is_stored_as_given()
    {
        var saved = await Save("TextField", """{"Text": " Acme GmbH "}""");

        saved.AssertValid();
        Assert.Equal("""{"Text":" Acme GmbH "}""", saved.Json);
    }

    [Theory]
    [InlineData("""{"ContentPartFieldSettings": {"Required": true}}""")]
    [InlineData("""{"TextFieldSettings": {"Required": true}}""")]
    [InlineData("""{"TextFieldSettings": {"Required": "True"}}""")]
    public async Task A_required_text_may_be_required_in_either_settings_object(string settings)
    {
        foreach (var value in new[] { "{}", """{"Text": ""}""", """{"Text": "   "}""", """{"Text": null}""" })
        {
            var saved = await Save("TextField", value, settings);
            Assert.Equal("ExpectedRevenue is required.", Assert.Single(saved.Errors, e => e.Key == "Lead.ExpectedRevenue").Value);
        }
    }

    [Fact]
    public async Task Errors_name_the_field_by_its_display_name()
    {
        var saved = await Save("TextField", """{"Text": ""}""", """{"ContentPartFieldSettings": {"DisplayName": "Company name", "Required": true}}""");

        Assert.Equal("Company name is required.", saved.Error);
    }

    [Fact]
    public async Task Text_that_is_not_a_string_is_rejected()
    {
        var saved = await Save("TextField", """{"Text": 42}""");

        Assert.Equal("ExpectedRevenue must be text.", saved.Error);
    }

    [Fact]
    public async Task Single_line_text_may_not_hold_a_newline_but_multiline_text_may()
    {
        Assert.Equal("ExpectedRevenue must be a single line.", (await Save("TextField", """{"Text": "a\nb"}""")).Error);
        (await Save("TextField", """{"Text": "a\nb"}""", """{"TextFieldSettings": {"Multiline": true}}""")).AssertValid();
        (await Save("TextField", """{"Text": "a\r\nb"}""", """{"ContentPartFieldSettings": {"Editor": "TextArea"}}""")).AssertValid();
    }

    [Fact]
    public async Task Text_longer_than_MaxLength_is_rejected_with_both_lengths()
    {
        var saved = await Save("TextField", """{"Text": "abcdef"}""", """{"TextFieldSettings": {"MaxLength": 5}}""");

        Assert.Equal("ExpectedRevenue is 6 characters long; at most 5 are allowed.", saved.Error);
    }

    [Fact]
    public async Task A_pattern_must_match_the_whole_text()
    {
        const string settings = """{"TextFieldSettings": {"Pattern": "[A-Z]{2}\\d{3}"}}""";

        (await Save("TextField", """{"Text": "AB123"}""", settings)).AssertValid();
        Assert.Equal("ExpectedRevenue does not have the expected format.", (await Save("TextField", """{"Text": "xAB123x"}""", settings)).Error);
    }

    [Fact]
    public async Task A_pattern_that_takes_too_long_refuses_the_value_instead_of_hanging()
    {
        var saved = await Save("TextField", $$"""{"Text": "{{new string('a', 5000)}}!"}""", """{"TextFieldSettings": {"Pattern": "(a+)+b"}}""");

        Assert.Equal("ExpectedRevenue could not be checked against its pattern in time.", saved.Error);
    }

    [Fact]
    public async Task The_default_text_fills_a_field_the_item_does_not_carry_only()
    {
        const string settings = """{"TextFieldSettings": {"DefaultValue": "New"}}""";

        Assert.Equal("""{"Text":"New"}""", (await Save("TextField", null, settings)).Json);
        Assert.Equal("""{"Text":""}""", (await Save("TextField", """{"Text": ""}""", settings)).Json);
    }

    [Fact]
    public void Text_is_indexed_trimmed_and_cut_to_400_characters()
    {
        Assert.Equal("Acme", Read("TextField", """{"Text": "  Acme "}""").Index!.Text);
        Assert.Equal(400, Read("TextField", $$"""{"Text": "{{new string('x', 500)}}"}""").Index!.Text!.Length);
        Assert.Null(Read("TextField", """{"Text": "  "}""").Index);
        Assert.Null(Read("TextField", "{}").Display);
    }

    [Fact]
    public async Task Html_is_sanitised_of_scripts_event_handlers_and_javascript_urls()
    {
        var saved = await Save("HtmlField",
            """{"Html": "<p onclick=\"steal()\">Hi <a href=\"javascript:alert(1)\">x</a><a href=\"mailto:a@b.io\">m</a></p><script>alert(1)</script>"}""");

        saved.AssertValid();
        var html = saved.Value["Html"]!.GetValue<string>();
        Assert.Equal("""<p>Hi <a>x</a><a href="mailto:a@b.io">m</a></p>""", html);
    }

    [Fact]
    public async Task Html_that_sanitises_to_nothing_counts_as_empty_for_required()
    {
        var saved = await Save("HtmlField", """{"Html": "<script>alert(1)</script>"}""", """{"HtmlFieldSettings": {"Required": true}}""");

        Assert.Equal("ExpectedRevenue is required.", saved.Error);
        Assert.Equal("", saved.Value["Html"]!.GetValue<string>());
    }

    [Fact]
    public void Html_displays_as_its_text_and_is_not_indexed()
    {
        var (index, display) = Read("HtmlField", """{"Html": "<p>Hello</p>\n<p><b>world</b> &amp; co</p>"}""");

        Assert.Null(index);
        Assert.Equal("Hello world & co", display);
    }

    [Fact]
    public async Task Markdown_is_kept_as_written_and_limited_by_MaxLength()
    {
        (await Save("MarkdownField", """{"Markdown": "# Title\n<b>raw</b>"}""")).AssertValid();
        var saved = await Save("MarkdownField", """{"Markdown": "abcd"}""", """{"MarkdownFieldSettings": {"MaxLength": 3}}""");
        Assert.Equal("ExpectedRevenue is 4 characters long; at most 3 are allowed.", saved.Error);
    }

    [Theory]
    [InlineData("  anna@example.com ", "anna@example.com")]
    [InlineData("a.b+tag@mail.example.co.uk", "a.b+tag@mail.example.co.uk")]
    public async Task Plausible_email_addresses_are_stored_trimmed(string given, string stored)
    {
        var saved = await Save("EmailField", $$"""{"Email": "{{given}}"}""");

        saved.AssertValid();
        Assert.Equal(stored, saved.Value["Email"]!.GetValue<string>());
        Assert.Equal(stored, Read("EmailField", saved.Json).Index!.Text);
    }

    [Theory]
    [InlineData("anna")]
    [InlineData("anna@example")]
    [InlineData("anna@@example.com")]
    [InlineData("an na@example.com")]
    [InlineData("@example.com")]
    [InlineData("anna@.example.com")]
    [InlineData("anna@example..com")]
    [InlineData("anna@example.com.")]
    public async Task Implausible_email_addresses_are_rejected(string email)
    {
        var saved = await Save("EmailField", $$"""{"Email": "{{email}}"}""");

        Assert.Equal("ExpectedRevenue is not a valid email address.", saved.Error);
    }

    [Fact]
    public async Task An_email_address_longer_than_254_characters_is_rejected()
    {
        var saved = await Save("EmailField", $$"""{"Email": "{{new string('a', 250)}}@x.io"}""");

        Assert.Equal("ExpectedRevenue is not a valid email address.", saved.Error);
    }

    [Theory]
    [InlineData("+49 (30) 123-45.67")]
    [InlineData(" 0301234 ")]
    [InlineData("1234")]
    public async Task Phone_numbers_keep_their_formatting_and_are_stored_trimmed(string phone)
    {
        var saved = await Save("PhoneField", $$"""{"Phone": "{{phone}}"}""");

        saved.AssertValid();
        Assert.Equal(phone.Trim(), saved.Value["Phone"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("123", "ExpectedRevenue has 3 digits; a phone number has 4 to 20.")]
    [InlineData("+1 234 567 890 123 456 789 01", "ExpectedRevenue has 21 digits; a phone number has 4 to 20.")]
    [InlineData("0301234 ext 5", "ExpectedRevenue may hold only digits, a leading '+', spaces, '-', '.', '(' and ')'.")]
    [InlineData("030+1234", "ExpectedRevenue may hold only digits, a leading '+', spaces, '-', '.', '(' and ')'.")]
    public async Task Phone_numbers_with_other_characters_or_too_few_or_many_digits_are_rejected(string phone, string error)
    {
        Assert.Equal(error, (await Save("PhoneField", $$"""{"Phone": "{{phone}}"}""")).Error);
    }

    [Fact]
    public async Task Required_email_and_phone_must_be_given()
    {
        Assert.Equal("ExpectedRevenue is required.", (await Save("EmailField", "{}", """{"EmailFieldSettings": {"Required": true}}""")).Error);
        Assert.Equal("ExpectedRevenue is required.", (await Save("PhoneField", """{"Phone": " "}""", """{"ContentPartFieldSettings": {"Required": true}}""")).Error);
    }
}
