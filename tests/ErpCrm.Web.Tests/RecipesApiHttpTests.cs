using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>/api/recipes: the list, running a recipe by name or as a body (validated first, step by step after), 403 without ManageRecipes.</summary>
public abstract class RecipesApiHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string NoteRecipe = """
        {"name": "notes", "steps": [
          {"name": "ContentDefinition", "ContentTypes": [{"Name": "Note", "DisplayName": "Note", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
            "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}]}]},
          {"name": "content", "data": [{"ContentItemId": "note0000000000000000000001", "ContentType": "Note", "DisplayText": "From a recipe",
            "Latest": true, "Published": true, "TitlePart": {"Title": "From a recipe"}}]}
        ]}
        """;

    [Fact]
    public async Task The_list_names_each_recipe_with_its_envelope_and_number_of_steps()
    {
        var list = await (await Admin.GetAsync("api/recipes")).ReadJsonAsync(HttpStatusCode.OK);

        var blank = list.EnumerateArray().Single(r => r.Text("name") == "blank");
        Assert.Equal("Blank", blank.Text("displayName"));
        Assert.Equal("ErpCrm", blank.Text("author"));
        Assert.Equal("1.0.0", blank.Text("version"));
        Assert.True(blank.GetProperty("isSetupRecipe").GetBoolean());
        Assert.Equal(["default"], blank.GetProperty("categories").Strings());
        Assert.Equal(["blank"], blank.GetProperty("tags").Strings());
        Assert.Equal(1, blank.GetProperty("stepCount").GetInt32());
        // A module's own Recipes/ folder is searched too.
        Assert.Contains(list.EnumerateArray(), r => r.Text("name") == "test-module");
    }

    [Fact]
    public async Task Running_a_recipe_by_name_answers_each_steps_outcome()
    {
        var answer = await (await Admin.PostAsync("api/recipes/run", ContentClient.Json("""{"name": "test-module"}"""))).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("test-module", answer.Text("recipe"));
        var step = Assert.Single(answer.GetProperty("steps").EnumerateArray());
        Assert.Equal(1, step.GetProperty("index").GetInt32());
        Assert.Equal("feature", step.Text("name"));
        Assert.Equal("done", step.Text("status"));
        Assert.True(step.GetProperty("elapsedMilliseconds").GetInt64() >= 0);
        Assert.Contains("Test.Delta", (await Admin.GetFeatureStateAsync()).Enabled);
        await (await Admin.PostAsync("api/recipes/run", ContentClient.Json("""{"name": "blank"}"""))).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_name_is_404_and_a_body_with_neither_or_both_is_400()
    {
        var missing = await (await Admin.PostAsync("api/recipes/run", ContentClient.Json("""{"name": "nope"}"""))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("'nope'", missing.Text("detail"));
        Assert.Contains("blank", missing.Text("detail"));
        await (await Admin.PostAsync("api/recipes/run", ContentClient.Json("{}"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "body");
        await (await Admin.PostAsync("api/recipes/run", ContentClient.Json("""{"name": "blank", "recipe": {"steps": []}}"""))).AssertFieldsAsync(HttpStatusCode.BadRequest, "body");
        await (await Admin.PostAsync("api/recipes/run", ContentClient.Json("{not json"))).AssertFieldsAsync(HttpStatusCode.BadRequest, "body");
        await (await Admin.RunRecipeAsync(JsonNode.Parse("""{"name": "no steps"}""")!)).AssertFieldsAsync(HttpStatusCode.BadRequest, "recipe");
        // A server path is not a recipe name.
        await (await Admin.PostAsync("api/recipes/run", ContentClient.Json(new JsonObject { ["name"] = Path.Combine(AppContext.BaseDirectory, "recipes", "blank.recipe.json") })))
            .AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_recipe_in_the_body_creates_its_content_type_and_items_readable_through_the_content_api()
    {
        var answer = await (await Admin.RunRecipeAsync(JsonNode.Parse(NoteRecipe)!)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(["done", "done"], answer.GetProperty("steps").EnumerateArray().Select(s => s.Text("status")));
        var (note, _) = await Admin.GetItemAsync("Note", "note0000000000000000000001");
        Assert.Equal("From a recipe", note["DisplayText"]!.GetValue<string>());
        // Running it again changes nothing.
        await (await Admin.RunRecipeAsync(JsonNode.Parse(NoteRecipe)!)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await Admin.ListItemsAsync("Note"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_modules_step_is_known_when_the_recipe_enables_its_feature_first_and_refused_naming_the_feature_otherwise()
    {
        var without = JsonNode.Parse("""{"name": "notes", "steps": [{"name": "TestNotes", "notes": ["from a recipe"]}]}""")!;
        var problem = await (await Admin.RunRecipeAsync(without)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'Test.Alpha'", problem.GetRawText());

        var with = JsonNode.Parse("""{"name": "notes", "steps": [{"name": "feature", "enable": ["Test.Alpha"]}, {"name": "testnotes", "notes": ["from a recipe"]}]}""")!;
        await (await Admin.RunRecipeAsync(with)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Admin.RunRecipeAsync(with)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(["from a recipe"], await Admin.GetNotesAsync()); // once, however often it runs
    }

    [Fact]
    public async Task A_bad_recipe_changes_nothing_and_names_every_problem_by_its_path_even_a_script_that_never_ends()
    {
        var recipe = JsonNode.Parse("""
            {"name": "bad", "steps": [
              {"name": "feature", "enable": ["ErpCrm.OpenApi", "Nope.Feature"]},
              {"name": "NoSuchStep"},
              {"name": "content", "data": [{"DisplayText": "no type"}]},
              {"name": "settings", "Greeting": "[js: (function () { throw new Error('boom'); })()]"},
              {"name": "settings", "Forever": "[js: (function () { while (true) {} })()]"},
              {"name": "Roles", "Roles": "not a list"}
            ]}
            """)!;
        var watch = Stopwatch.StartNew();

        var problem = await (await Admin.RunRecipeAsync(recipe)).AssertFieldsAsync(HttpStatusCode.BadRequest,
            "steps[0].enable[1]", "steps[1].name", "steps[2].data[0].ContentType", "steps[3].Greeting", "steps[4].Forever", "steps[5].Roles");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        Assert.Equal("Invalid recipe", problem.Text("title"));
        Assert.Contains("nothing was changed", problem.Text("detail"));
        Assert.StartsWith("Step 1 ('feature'): unknown feature 'Nope.Feature'", problem.Error("steps[0].enable[1]"));
        Assert.StartsWith("Step 2 ('NoSuchStep'): unknown step", problem.Error("steps[1].name"));
        Assert.StartsWith("Step 3 ('content'):", problem.Error("steps[2].data[0].ContentType"));
        Assert.Contains("boom", problem.Error("steps[3].Greeting"));
        Assert.StartsWith("Step 5 ('settings'): the script", problem.Error("steps[4].Forever"));
        Assert.All(problem.GetProperty("steps").EnumerateArray(), s => Assert.Equal("not run", s.Text("status")));
        Assert.DoesNotContain("ErpCrm.OpenApi", (await Admin.GetFeatureStateAsync()).Enabled);
    }

    [Fact]
    public async Task A_step_that_fails_while_running_stops_the_recipe_and_the_steps_before_it_stay_applied()
    {
        var recipe = JsonNode.Parse("""
            {"name": "half", "steps": [
              {"name": "settings", "Motto": "Applied"},
              {"name": "Roles", "Roles": [{"Name": "Clerk", "Permissions": ["NoSuchPermission"]}]},
              {"name": "feature", "enable": ["ErpCrm.OpenApi"]}
            ]}
            """)!;

        var problem = await (await Admin.RunRecipeAsync(recipe)).AssertFieldsAsync(HttpStatusCode.BadRequest, "steps[1].Roles[0].Permissions");

        Assert.Equal("Recipe step failed", problem.Text("title"));
        Assert.Contains("stopped at step 2 ('Roles')", problem.Text("detail"));
        Assert.Contains("1 step(s) before it stay applied", problem.Text("detail"));
        Assert.Contains("'NoSuchPermission'", problem.Error("steps[1].Roles[0].Permissions"));
        Assert.Equal(["done", "failed", "not run"], problem.GetProperty("steps").EnumerateArray().Select(s => s.Text("status")));
        Assert.Equal("Applied", (await Admin.ExportAsync()).Step("settings")["Motto"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, await Admin.StatusOfAsync("api/roles/Clerk"));
        Assert.DoesNotContain("ErpCrm.OpenApi", (await Admin.GetFeatureStateAsync()).Enabled);
    }

    [Fact]
    public async Task A_recipes_step_runs_other_recipes_by_name_but_never_a_file_of_the_server()
    {
        var byName = JsonNode.Parse("""{"name": "nested", "steps": [{"name": "recipes", "Values": [{"executionid": "x", "name": "test-module"}]}]}""")!;
        var byPath = JsonNode.Parse("""{"name": "nested", "steps": [{"name": "recipes", "Values": [{"name": "x"}]}]}""")!;
        byPath["steps"]![0]!["Values"]![0]!["name"] = Path.Combine(AppContext.BaseDirectory, "recipes", "blank.recipe.json");

        await (await Admin.RunRecipeAsync(byName)).ReadJsonAsync(HttpStatusCode.OK);
        var problem = await (await Admin.RunRecipeAsync(byPath)).AssertFieldsAsync(HttpStatusCode.BadRequest, "steps[0].Values[0].name");

        Assert.Contains("Test.Delta", (await Admin.GetFeatureStateAsync()).Enabled);
        Assert.Contains("there is no recipe named", problem.Error("steps[0].Values[0].name"));
    }

    [Fact]
    public async Task Without_ManageRecipes_every_recipe_endpoint_is_403()
    {
        var staff = await Host.ClientOfNewUserAsync("clerk", "Staff");

        await (await staff.GetAsync("api/recipes")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await staff.PostAsync("api/recipes/run", ContentClient.Json("""{"name": "blank"}"""))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await staff.GetAsync("api/recipes/export")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Exporting_unknown_types_or_sources_is_400_naming_them()
    {
        var problem = await (await Admin.GetAsync("api/recipes/export?contentTypes=Nope,Nada&sources=Missing")).AssertFieldsAsync(HttpStatusCode.BadRequest, "contentTypes", "sources");

        Assert.Contains("'Nope'", problem.Error("contentTypes"));
        Assert.Contains("'Nada'", problem.Error("contentTypes"));
        Assert.Contains("'Missing'", problem.Error("sources"));
    }
}

public sealed class SqliteRecipesApiHttpTests() : RecipesApiHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresRecipesApiHttpTests() : RecipesApiHttpTests(DatabaseProvider.Postgres);
