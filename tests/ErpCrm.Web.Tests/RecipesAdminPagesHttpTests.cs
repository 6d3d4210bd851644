using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>The Recipes pages (/admin/recipes…) as people use them in a browser without JavaScript.</summary>
public abstract class RecipesAdminPagesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private BrowserSession _browser = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _browser = await SignInAdminAsync();
    }

    [Fact]
    public async Task The_list_shows_each_recipe_with_its_description_tags_steps_and_a_run_button_and_the_menu_leads_to_it()
    {
        var page = await _browser.GetPageAsync("admin/recipes");

        Assert.Contains("href=\"/admin/recipes\"", await _browser.GetPageAsync("admin"));
        Assert.Contains("An empty company with only the kernel&#x27;s features on.", page);
        Assert.Contains(">default</span>", page);
        Assert.Contains(">testing</span>", page);
        Assert.Contains("href=\"/admin/recipes/run?name=blank\"", page);
        Assert.Contains("href=\"/admin/recipes/run?name=test-module\"", page);
        Assert.Contains("href=\"/admin/recipes/export\"", page);
    }

    [Fact]
    public async Task The_confirmation_lists_the_steps_and_what_they_do_and_an_unknown_recipe_is_404()
    {
        var page = await _browser.GetPageAsync("admin/recipes/run?name=test-module");

        Assert.Contains("Run Test module?", page);
        Assert.Contains("<strong>feature</strong> — Enable: Test.Delta.", page);
        Assert.Contains(">Run 1 step</button>", page);
        Assert.DoesNotContain("recipe-problems", page);
        Assert.Equal(HttpStatusCode.NotFound, await _browser.Client.StatusOfAsync("admin/recipes/run?name=nope"));
    }

    [Fact]
    public async Task A_bad_uploaded_recipe_shows_every_problem_with_its_step_path_and_reason_and_offers_no_run()
    {
        var response = await UploadAsync("""
            {"name": "bad <one>", "steps": [
              {"name": "feature", "enable": ["Nope.Feature"]},
              {"name": "NoSuchStep"},
              {"name": "content", "data": [{"DisplayText": "no type"}]}
            ]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("3 problems. Nothing has been changed.", page);
        Assert.Contains("<tr><td>1</td><td>feature</td><td><code>steps[0].enable[0]</code></td><td>unknown feature &#x27;Nope.Feature&#x27;", page);
        Assert.Contains("<td>2</td><td>NoSuchStep</td><td><code>steps[1].name</code></td>", page);
        Assert.Contains("<td>3</td><td>content</td><td><code>steps[2].data[0].ContentType</code></td>", page);
        Assert.Contains("Run bad &lt;one&gt;?", page);
        Assert.DoesNotContain(">Run 3 steps</button>", page);
        Assert.Equal(400, (int)(await UploadAsync("{not json")).StatusCode);
    }

    [Fact]
    public async Task Running_blank_shows_its_progress_page_and_then_each_steps_outcome()
    {
        var posted = await _browser.PostFormAsync("admin/recipes/run", [new("name", "blank"), new("json", "")], "admin/recipes/run?name=blank");

        var outcome = await FollowToOutcomeAsync(posted);

        Assert.Contains("Recipe <strong>Blank</strong> ran: 1 step done", outcome);
        Assert.Matches("<td>1</td>\\s*<td>feature</td>\\s*<td><span class=\"badge erp-badge-on\">done</span></td>", outcome);
    }

    /// <summary>A part and a type using it: deleting the part fails while a recipe runs, since only the data shows the use.</summary>
    internal const string MemoDefinitions = """
        {"ContentParts": [{"Name": "MemoPart", "Settings": {}}],
         "ContentTypes": [{"Name": "Memo", "DisplayName": "Memo", "ContentTypePartDefinitionRecords": [{"PartName": "MemoPart", "Name": "MemoPart"}]}]}
        """;

    [Fact]
    public async Task An_uploaded_recipe_whose_second_step_fails_shows_done_failed_and_not_run_and_keeps_the_first_step()
    {
        var json = """
            {"name": "half", "steps": [
              {"name": "feature", "enable": ["Test.Delta"]},
              {"name": "DeleteContentDefinition", "ContentParts": ["MemoPart"]},
              {"name": "settings", "Motto": "never"}
            ]}
            """;
        // What only the data can show fails while running: a part that a type uses.
        await (await Admin.PostAsync("api/content-definitions/import", ContentClient.Json(MemoDefinitions))).ReadJsonAsync(HttpStatusCode.OK);
        var confirm = await UploadAsync(json);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var token = BrowserSession.AntiforgeryToken(await confirm.Content.ReadAsStringAsync());

        var posted = await _browser.Client.PostAsync("admin/recipes/run", new FormUrlEncodedContent(
            [new("name", ""), new("json", json), new("__RequestVerificationToken", token)]));

        var outcome = await FollowToOutcomeAsync(posted);
        Assert.Contains("The steps before the failed one stay applied", outcome);
        Assert.Contains("done</span>", outcome);
        Assert.Contains("failed</span>", outcome);
        Assert.Contains("not run</span>", outcome);
        Assert.Contains("&#x27;Memo&#x27;", outcome);
        Assert.Contains("Test.Delta", (await Admin.GetFeatureStateAsync()).Enabled);
    }

    [Fact]
    public async Task Download_answers_the_chosen_configuration_as_a_recipe_file_named_after_the_tenant()
    {
        var page = await _browser.GetPageAsync("admin/recipes/export");
        Assert.Contains("name=\"features\"", page);

        var response = await _browser.PostFormAsync("admin/recipes/export",
            [new("features", "false"), new("contentDefinitions", "true"), new("contentDefinitions", "false"), new("roles", "false"), new("settings", "true"), new("settings", "false")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{Tenant}-export.recipe.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var recipe = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(["settings", "ContentDefinition"], recipe["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Exporting_items_of_a_type_that_is_gone_shows_the_error_on_the_page()
    {
        var response = await _browser.PostFormAsync("admin/recipes/export", [new("contentTypes", "Gone")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There is no content type &#x27;Gone&#x27;", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_ManageRecipes_the_pages_are_forbidden_and_not_in_the_menu()
    {
        await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Staff");
        var clerk = BrowserSession.Open(Host);
        await clerk.SignInOrFailAsync("clerk", TestHost.AdminPassword);

        foreach (var path in new[] { "admin/recipes", "admin/recipes/run?name=blank", "admin/recipes/export" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, await clerk.Client.StatusOfAsync(path));
        }
        Assert.DoesNotContain("href=\"/admin/recipes\"", await clerk.GetPageAsync("admin"));
    }

    private async Task<HttpResponseMessage> UploadAsync(string json)
    {
        var token = BrowserSession.AntiforgeryToken(await _browser.GetPageAsync("admin/recipes"));
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _browser.Client.PostAsync("admin/recipes/run?handler=upload", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { file, "recipeFile", "mine.recipe.json" },
        });
    }

    /// <summary>Follows the redirect to the progress page and reloads it, as the page does itself, until the outcome shows.</summary>
    private async Task<string> FollowToOutcomeAsync(HttpResponseMessage posted)
    {
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        var url = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/recipes/progress?run=", url);
        for (var i = 0; i < 100; i++)
        {
            var page = await _browser.GetPageAsync(url);
            if (page.Contains("id=\"recipe-outcome\""))
            {
                Assert.DoesNotContain("http-equiv=\"refresh\"", page);
                return page;
            }
            Assert.Contains("http-equiv=\"refresh\"", page);
            await Task.Delay(100);
        }
        throw new TimeoutException("The recipe did not finish.");
    }
}

public sealed class SqliteRecipesAdminPagesHttpTests() : RecipesAdminPagesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresRecipesAdminPagesHttpTests() : RecipesAdminPagesHttpTests(DatabaseProvider.Postgres);
