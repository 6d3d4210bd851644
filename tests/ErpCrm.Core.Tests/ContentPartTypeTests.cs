using static ErpCrm.Core.Tests.ContentFieldTestHarness;

namespace ErpCrm.Core.Tests;

/// <summary>The kernel's part types: TitlePart, HtmlBodyPart, MarkdownBodyPart, CommonPart, AliasPart, AutoroutePart.</summary>
public sealed class ContentPartTypeTests
{
    [Fact]
    public async Task A_title_is_stored_trimmed_and_becomes_the_display_text()
    {
        var saved = await SavePart("TitlePart", """{"Title": "  Big deal "}""");

        saved.AssertValid();
        Assert.Equal("""{"Title":"Big deal"}""", saved.Json);
        Assert.Equal("Big deal", saved.Item.DisplayText);
    }

    [Fact]
    public async Task A_title_is_required_only_when_its_options_say_EditableRequired()
    {
        (await SavePart("TitlePart", """{"Title": ""}""")).AssertValid();
        Assert.Equal("Title is required.", (await SavePart("TitlePart", "{}", """{"TitlePartSettings": {"Options": "EditableRequired"}}""")).Error);
        Assert.Equal("Title is required.", (await SavePart("TitlePart", "{}", """{"TitlePartSettings": {"Options": 3}}""")).Error);
    }

    [Fact]
    public async Task Titles_over_400_characters_or_several_lines_are_rejected()
    {
        var saved = await SavePart("TitlePart", $$"""{"Title": "{{new string('t', 401)}}"}""");

        Assert.Equal("Title is 401 characters long; at most 400 are allowed.", Assert.Single(saved.Errors, e => e.Key == "TitlePart.Title").Value);
        Assert.Null(saved.Item.DisplayText);
        Assert.Equal("Title must be a single line.", (await SavePart("TitlePart", """{"Title": "a\nb"}""")).Error);
        Assert.Equal("Title must be text.", (await SavePart("TitlePart", """{"Title": 7}""")).Error);
    }

    [Fact]
    public void Title_part_options_are_checked_as_settings()
    {
        var errors = new Dictionary<string, string>();
        PartTypeOf("TitlePart").ValidateSettings(
            new("TitlePart", "TitlePart", System.Text.Json.Nodes.JsonNode.Parse("""{"TitlePartSettings": {"Options": "Sometimes"}}""")!.AsObject()), "Type", errors);

        Assert.Equal("Options must be one of Editable, GeneratedDisabled, GeneratedHidden, EditableRequired.", errors["Type.TitlePartSettings.Options"]);
    }

    [Fact]
    public async Task The_html_body_is_sanitised_like_an_html_field()
    {
        var saved = await SavePart("HtmlBodyPart", """{"Html": "<p>Hi<img src=x onerror=alert(1)></p><script>x()</script>"}""");

        saved.AssertValid();
        Assert.Equal("""<p>Hi<img src="x"></p>""", saved.Value["Html"]!.GetValue<string>());
    }

    [Fact]
    public async Task Markdown_and_common_parts_keep_their_content()
    {
        (await SavePart("MarkdownBodyPart", """{"Markdown": "# Hi"}""")).AssertValid();
        Assert.Equal("Markdown must be text.", (await SavePart("MarkdownBodyPart", """{"Markdown": []}""")).Error);
        Assert.Equal("""{"Anything":1}""", (await SavePart("CommonPart", """{"Anything": 1}""")).Json);
    }

    [Theory]
    [InlineData(" main-pipeline_2 ", "main-pipeline_2")]
    [InlineData("", "")]
    public async Task An_alias_of_letters_digits_dashes_and_underscores_is_stored_trimmed(string given, string stored)
    {
        var saved = await SavePart("AliasPart", $$"""{"Alias": "{{given}}"}""");

        saved.AssertValid();
        Assert.Equal(stored, saved.Value["Alias"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_alias_with_other_characters_or_over_64_is_rejected()
    {
        Assert.Equal("Alias may hold only letters, digits, '-' and '_'.", (await SavePart("AliasPart", """{"Alias": "main pipeline"}""")).Error);
        Assert.Equal("Alias is 65 characters long; at most 64 are allowed.", (await SavePart("AliasPart", $$"""{"Alias": "{{new string('a', 65)}}"}""")).Error);
    }

    [Theory]
    [InlineData("""{"Path": "blog/first-post"}""", """{"Path":"blog/first-post"}""")]
    [InlineData("""{"Path": " /blog/first-post/ ", "SetHomepage": "true"}""", """{"Path":"blog/first-post","SetHomepage":true}""")]
    [InlineData("""{"Path": null, "SetHomepage": false}""", """{"Path":null,"SetHomepage":false}""")]
    public async Task Autoroute_paths_are_stored_relative(string given, string stored)
    {
        var saved = await SavePart("AutoroutePart", given);

        saved.AssertValid();
        Assert.Equal(stored, saved.Json);
    }

    [Theory]
    [InlineData("blog/first post", "Path may not hold spaces or any of :?#[]@!$&'()*+,;=<>\\|%\".")]
    [InlineData("blog/../admin", "Path may not hold '//' or '..'.")]
    [InlineData("blog//post", "Path may not hold '//' or '..'.")]
    [InlineData("javascript:alert(1)", "Path may not hold spaces or any of :?#[]@!$&'()*+,;=<>\\|%\".")]
    [InlineData("/", "Path cannot be the site's root; set SetHomepage to make the item the home page.")]
    public async Task Autoroute_paths_that_are_not_plain_relative_paths_are_rejected(string path, string error)
    {
        var saved = await SavePart("AutoroutePart", new System.Text.Json.Nodes.JsonObject { ["Path"] = path }.ToJsonString());

        Assert.Equal(error, Assert.Single(saved.Errors, e => e.Key == "AutoroutePart.Path").Value);
    }

    [Fact]
    public async Task Autoroute_paths_over_1024_characters_are_rejected()
    {
        var saved = await SavePart("AutoroutePart", $$"""{"Path": "{{new string('p', 1025)}}"}""");

        Assert.Equal("Path is 1025 characters long; at most 1024 are allowed.", saved.Error);
    }
}
