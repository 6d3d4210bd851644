using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// A field type from a module (the test module's RatingField) brings its own admin editor, list filter and settings form
/// (<c>IContentFieldEditor</c>), used on the kernel's pages exactly as the kernel's own field types are.
/// </summary>
public abstract class ModuleFieldEditorHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string FieldPage = "admin/content-parts/edit-field?part=Review&field=Rating";

    private BrowserSession _browser = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync("Test.Content");
        await Admin.CreateTypeAsync("""
            {"Name": "Review", "DisplayName": "Review", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
             "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}]}
            """);
        _browser = await SignInAdminAsync();
    }

    [Fact]
    public async Task A_modules_field_is_set_up_on_its_settings_form_edited_in_its_editor_refused_next_to_it_and_filtered_in_the_list()
    {
        await DefineRatingFromTwoToFourStarsAsync();

        var form = await _browser.GetPageAsync("admin/content/Review/create");
        Assert.Matches("<input[^>]*id=\"f-Review-Rating\" name=\"Review.Rating\" type=\"number\" step=\"1\" min=\"2\" max=\"4\"", form);
        Assert.Contains("(2 to 4 stars)", form);

        var refused = await _browser.PostFormAsync("admin/content/Review/create", ReviewForm("Too good", "5"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Matches("<input[^>]*name=\"Review.Rating\"[^>]*value=\"5\"[^>]*aria-invalid=\"true\" aria-describedby=\"f-Review-Rating-field-error\"", html);
        Assert.Matches("<div class=\"mb-3\" data-field=\"Review.Rating\">\\s*<label[^>]*>.*?</label>\\s*<input[^>]*>\\s*<p class=\"error\" id=\"f-Review-Rating-field-error\">A rating is from 2 to 4 stars.</p>", html);
        var notANumber = await (await _browser.PostFormAsync("admin/content/Review/create", ReviewForm("Lots", "lots"))).Content.ReadAsStringAsync();
        Assert.Contains("value=\"lots\"", notANumber);
        Assert.Contains("id=\"f-Review-Rating-field-error\">A rating is from 2 to 4 stars.</p>", notANumber);
        Assert.Equal(0, (await Admin.ListItemsAsync("Review"))["total"]!.GetValue<int>());

        var ids = new Dictionary<string, string>();
        foreach (var (title, stars) in new[] { ("Fine", "2"), ("Good", "3"), ("Great", "4") })
        {
            var created = await _browser.PostFormAsync("admin/content/Review/create", ReviewForm(title, stars));
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            ids[title] = created.Headers.Location!.OriginalString["/admin/content/Review/".Length..];
        }
        var (great, _) = await Admin.GetItemAsync("Review", ids["Great"]);
        Assert.Equal(4, great["Review"]!["Rating"]!["Stars"]!.GetValue<int>());
        Assert.Matches("<input[^>]*id=\"f-Review-Rating\" name=\"Review.Rating\" type=\"number\" step=\"1\" min=\"2\" max=\"4\"\\s+value=\"4\"",
            await _browser.GetPageAsync($"admin/content/Review/{ids["Great"]}"));

        var all = await _browser.GetPageAsync("admin/content/Review?sort=DisplayText");
        Assert.Matches("<select class=\"form-select\" id=\"filter-f-Review-Rating\" name=\"from\\[Review.Rating\\]\">", all);
        Assert.Equal(["Fine", "Good", "Great"], Titles(all));
        var filtered = await _browser.GetPageAsync("admin/content/Review?from%5BReview.Rating%5D=3&sort=DisplayText");
        Assert.Equal(["Good", "Great"], Titles(filtered));
        Assert.Contains("<option value=\"3\" selected=\"selected\">3 stars</option>", filtered);
        Assert.Contains("<td>4 stars</td>", filtered);
        Assert.Equal(["Great"], Titles(await _browser.GetPageAsync("admin/content/Review?from%5BReview.Rating%5D=4")));
    }

    [Fact]
    public async Task Settings_the_modules_form_refuses_are_said_next_to_their_input_keeping_what_was_typed_and_nothing_is_saved()
    {
        await AddRatingFieldAsync();
        var page = await _browser.GetPageAsync(FieldPage);

        var refused = await _browser.PostFormAsync(FieldPage, [.. FieldForm(page), new("settings.Minimum", "0"), new("settings.Maximum", "three")]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"settings-Minimum-error\">Enter a whole number of stars from 1 to 10, or leave it empty.</p>", html);
        Assert.Contains("id=\"settings-Maximum-error\">Enter a whole number of stars from 1 to 10, or leave it empty.</p>", html);
        Assert.Equal("0", BrowserSession.InputValue(html, "settings.Minimum"));
        Assert.Equal("three", BrowserSession.InputValue(html, "settings.Maximum"));
        var upsideDown = await _browser.PostFormAsync(FieldPage, [.. FieldForm(page), new("settings.Minimum", "4"), new("settings.Maximum", "2")]);
        Assert.Contains("id=\"settings-Maximum-error\">The most stars must not be fewer than the fewest.</p>", await upsideDown.Content.ReadAsStringAsync());
        Assert.Null(RatingField(await PartAsync())["Settings"]!["RatingFieldSettings"]);
    }

    private async Task DefineRatingFromTwoToFourStarsAsync()
    {
        await AddRatingFieldAsync();
        var page = await _browser.GetPageAsync(FieldPage);
        Assert.Contains("<legend>RatingField settings</legend>", page);
        Assert.Contains("<label class=\"form-label\" for=\"settings-Minimum\">Fewest stars</label>", page);

        var saved = await _browser.PostFormAsync(FieldPage,
            [.. FieldForm(page), new("queryable", "true"), new("settings.Minimum", "2"), new("settings.Maximum", "4")]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var settings = RatingField(await PartAsync())["Settings"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Minimum": 2, "Maximum": 4}"""), settings["RatingFieldSettings"]), settings.ToJsonString());
        Assert.Equal("2", BrowserSession.InputValue(await _browser.GetPageAsync(FieldPage), "settings.Minimum"));
    }

    /// <summary>Adds the field on the type's add-field page, where the module's field type is offered.</summary>
    private async Task AddRatingFieldAsync()
    {
        var path = "admin/content-parts/add-field?part=Review";
        var page = await _browser.GetPageAsync(path);
        Assert.Contains("<option value=\"RatingField\">Rating (1", page);
        var added = await _browser.PostFormAsync(path,
            [new("version", BrowserSession.InputValue(page, "version")), new("displayName", "Rating"), new("name", "Rating"), new("fieldType", "RatingField")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
    }

    private static List<KeyValuePair<string, string>> FieldForm(string page) =>
        [new("version", BrowserSession.InputValue(page, "version")), new("displayName", "Rating"), new("hint", ""), new("position", "1")];

    private static List<KeyValuePair<string, string>> ReviewForm(string title, string stars) =>
        [new("TitlePart.Title", title), new("Review.Rating", stars), new("_action", "save")];

    private async Task<JsonNode> PartAsync()
    {
        using var response = await Admin.GetAsync("api/content-parts/Review");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static JsonNode RatingField(JsonNode part) =>
        part["ContentPartFieldDefinitionRecords"]!.AsArray().Single(f => f!["Name"]!.GetValue<string>() == "Rating")!;

    /// <summary>The titles the list shows, in order.</summary>
    private static List<string> Titles(string html) =>
        Regex.Matches(html, "<td><a href=\"/admin/content/Review/[^\"]+\"><strong>([^<]*)</strong></a></td>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
}

public sealed class SqliteModuleFieldEditorHttpTests() : ModuleFieldEditorHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresModuleFieldEditorHttpTests() : ModuleFieldEditorHttpTests(DatabaseProvider.Postgres);
