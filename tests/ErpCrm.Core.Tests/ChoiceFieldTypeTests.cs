using static ErpCrm.Core.Tests.ContentFieldTestHarness;

namespace ErpCrm.Core.Tests;

/// <summary>EnumerationField, ContentPickerField, UserPickerField and LinkField.</summary>
public sealed class ChoiceFieldTypeTests
{
    private const string Stages = """
        {"ContentPartFieldSettings": {"DisplayName": "Stage"},
         "EnumerationFieldSettings": {"Options": ["New", {"Value": "won", "Text": "Won"}, "Lost"]}}
        """;

    private const string Tags = """{"EnumerationFieldSettings": {"Options": ["a", "b", "c"], "Multiple": true, "Required": true}}""";

    [Fact]
    public async Task An_enumeration_value_is_stored_in_the_options_spelling()
    {
        var saved = await Save("EnumerationField", """{"Value": "WON"}""", Stages);

        saved.AssertValid();
        Assert.Equal("""{"Value":"won"}""", saved.Json);
        Assert.Equal("Won", Read("EnumerationField", saved.Json, Stages).Display);
        Assert.Equal("won", Read("EnumerationField", saved.Json, Stages).Index!.Text);
    }

    [Fact]
    public async Task A_value_not_among_the_options_is_rejected_naming_the_allowed_values()
    {
        var saved = await Save("EnumerationField", """{"Value": "Maybe"}""", Stages);

        Assert.Equal("Stage has 'Maybe', which is not one of: New, won, Lost.", saved.Error);
    }

    [Fact]
    public async Task Long_option_lists_are_cut_in_errors()
    {
        var options = string.Join(",", Enumerable.Range(1, 15).Select(i => $"\"o{i}\""));

        var saved = await Save("EnumerationField", """{"Value": "x"}""", $$$"""{"EnumerationFieldSettings": {"Options": [{{{options}}}]}}""");

        Assert.Equal("ExpectedRevenue has 'x', which is not one of: o1, o2, o3, o4, o5, o6, o7, o8, o9, o10 and 5 more.", saved.Error);
    }

    [Fact]
    public async Task Multiple_values_are_stored_once_each_in_order()
    {
        var saved = await Save("EnumerationField", """{"Values": ["b", "A", "b"]}""", Tags);

        saved.AssertValid();
        Assert.Equal("""{"Values":["b","a"]}""", saved.Json);
        Assert.Equal("b,a", Read("EnumerationField", saved.Json, Tags).Index!.Text);
        Assert.Equal("b, a", Read("EnumerationField", saved.Json, Tags).Display);
    }

    [Fact]
    public async Task A_single_enumeration_refuses_several_values_and_a_required_multiple_one_refuses_none()
    {
        Assert.Equal("Stage allows only one value.", (await Save("EnumerationField", """{"Values": ["New", "Lost"]}""", Stages)).Error);
        Assert.Equal("ExpectedRevenue is required.", (await Save("EnumerationField", """{"Values": []}""", Tags)).Error);
        Assert.Equal("ExpectedRevenue must be a list of options.", (await Save("EnumerationField", """{"Values": [1]}""", Tags)).Error);
    }

    [Fact]
    public async Task The_enumeration_default_fills_a_field_the_item_does_not_carry()
    {
        var saved = await Save("EnumerationField", null, """{"EnumerationFieldSettings": {"Options": ["New", "Lost"], "DefaultValue": "New"}}""");

        Assert.Equal("""{"Value":"New"}""", saved.Json);
    }

    [Fact]
    public async Task Picked_content_items_must_exist_and_be_of_an_allowed_type()
    {
        var references = new InMemoryReferences { ContentTypes = { ["acc1"] = "Account", ["lead2"] = "Lead" } };
        const string settings = """{"ContentPickerFieldSettings": {"DisplayedContentTypes": ["Account"], "Multiple": true}}""";

        var saved = await Save("ContentPickerField", """{"ContentItemIds": ["acc1", " acc1 ", ""]}""", settings, references);
        saved.AssertValid();
        Assert.Equal("""{"ContentItemIds":["acc1"]}""", saved.Json);

        Assert.Equal("ExpectedRevenue points to an item that does not exist ('gone').",
            (await Save("ContentPickerField", """{"ContentItemIds": ["acc1", "gone"]}""", settings, references)).Error);
        Assert.Equal("ExpectedRevenue points to a Lead ('lead2'); it may point to: Account.",
            (await Save("ContentPickerField", """{"ContentItemIds": ["lead2"]}""", settings, references)).Error);
        (await Save("ContentPickerField", """{"ContentItemIds": ["lead2"]}""",
            """{"ContentPickerFieldSettings": {"DisplayedContentTypes": ["Account"], "DisplayAllContentTypes": true}}""", references)).AssertValid();
    }

    [Fact]
    public async Task A_single_picker_refuses_several_ids_and_a_required_one_refuses_none()
    {
        var references = new InMemoryReferences { ContentTypes = { ["a"] = "Account", ["b"] = "Account" } };

        Assert.Equal("ExpectedRevenue allows only one item.", (await Save("ContentPickerField", """{"ContentItemIds": ["a", "b"]}""", "{}", references)).Error);
        Assert.Equal("ExpectedRevenue is required.", (await Save("ContentPickerField", """{"ContentItemIds": []}""",
            """{"ContentPickerFieldSettings": {"Required": true}}""", references)).Error);
        Assert.Equal("ExpectedRevenue must be a list of ids.", (await Save("ContentPickerField", """{"ContentItemIds": "a"}""", "{}", references)).Error);
    }

    [Fact]
    public async Task Picked_users_must_exist()
    {
        var references = new InMemoryReferences { Users = { "u1", "u2" } };
        const string settings = """{"UserPickerFieldSettings": {"Multiple": true}}""";

        (await Save("UserPickerField", """{"UserIds": ["u1", "u2"], "UserNames": ["ann", "bob"]}""", settings, references)).AssertValid();
        Assert.Equal("ExpectedRevenue points to a user that does not exist ('u9').",
            (await Save("UserPickerField", """{"UserIds": ["u9"]}""", settings, references)).Error);
    }

    [Fact]
    public void Pickers_index_their_first_id_and_display_all()
    {
        var (index, display) = Read("ContentPickerField", """{"ContentItemIds": ["a", "b"]}""");

        Assert.Equal("a", index!.Text);
        Assert.Equal("a, b", display);
        Assert.Null(Read("UserPickerField", """{"UserIds": []}""").Index);
    }

    [Theory]
    [InlineData("https://example.com/a?b=c")]
    [InlineData("http://localhost:5000")]
    [InlineData("mailto:sales@example.com")]
    [InlineData("/leads/42")]
    [InlineData("/")]
    public async Task Links_may_be_http_https_mailto_or_site_relative(string url)
    {
        var saved = await Save("LinkField", $$"""{"Url": " {{url}} ", "Text": "Go"}""");

        saved.AssertValid();
        Assert.Equal(url, saved.Value["Url"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("//evil.example.com/x")]
    [InlineData("ftp://example.com")]
    [InlineData("example.com")]
    [InlineData("/a b")]
    [InlineData("/\\\\evil")]
    public async Task Links_with_other_schemes_or_leaving_the_site_are_rejected(string url)
    {
        var saved = await Save("LinkField", $$"""{"Url": "{{url}}"}""");

        Assert.Equal("ExpectedRevenue must be an http, https or mailto address, or a path on this site starting with '/'.",
            Assert.Single(saved.Errors, e => e.Key == "Lead.ExpectedRevenue.Url").Value);
    }

    [Fact]
    public async Task The_link_text_mode_decides_the_text()
    {
        Assert.Equal("ExpectedRevenue needs a link text.",
            (await Save("LinkField", """{"Url": "/a"}""", """{"LinkFieldSettings": {"LinkTextMode": "Required"}}""")).Error);
        Assert.Equal("""{"Url":"/a","Text":"Open"}""",
            (await Save("LinkField", """{"Url": "/a", "Text": "x"}""", """{"LinkFieldSettings": {"LinkTextMode": 2, "DefaultText": "Open"}}""")).Json);
        Assert.Equal("""{"Url":"/a","Text":"/a"}""",
            (await Save("LinkField", """{"Url": "/a"}""", """{"LinkFieldSettings": {"LinkTextMode": "Url"}}""")).Json);
        Assert.Equal("ExpectedRevenue is required.", (await Save("LinkField", """{"Text": "x"}""", """{"LinkFieldSettings": {"Required": true}}""")).Error);
    }

    [Fact]
    public void Links_index_their_url_and_display_text_and_url()
    {
        var (index, display) = Read("LinkField", """{"Url": "https://example.com", "Text": "Example"}""");

        Assert.Equal("https://example.com", index!.Text);
        Assert.Equal("Example (https://example.com)", display);
    }
}
