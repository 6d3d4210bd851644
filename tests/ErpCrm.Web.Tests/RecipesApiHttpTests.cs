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
              {"name": "DeleteContentDefinition", "ContentParts": ["MemoPart"]},
              {"name": "feature", "enable": ["ErpCrm.OpenApi"]}
            ]}
            """)!;
        // What only the data can show fails while running: a part that a type uses.
        await (await Admin.PostAsync("api/content-definitions/import", ContentClient.Json(RecipesAdminPagesHttpTests.MemoDefinitions))).ReadJsonAsync(HttpStatusCode.OK);

        var problem = await (await Admin.RunRecipeAsync(recipe)).AssertFieldsAsync(HttpStatusCode.BadRequest, "steps[1].ContentParts[0]");

        Assert.Equal("Recipe step failed", problem.Text("title"));
        Assert.Contains("stopped at step 2 ('DeleteContentDefinition')", problem.Text("detail"));
        Assert.Contains("1 step(s) before it stay applied", problem.Text("detail"));
        Assert.Contains("'Memo'", problem.Error("steps[1].ContentParts[0]"));
        Assert.Equal(["done", "failed", "not run"], problem.GetProperty("steps").EnumerateArray().Select(s => s.Text("status")));
        Assert.Equal("Applied", (await Admin.ExportAsync()).Step("settings")["Motto"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, await Admin.StatusOfAsync("api/content-parts/MemoPart"));
        Assert.DoesNotContain("ErpCrm.OpenApi", (await Admin.GetFeatureStateAsync()).Enabled);
    }

    /// <summary>A second step that its run would refuse whatever the data: found before the first step runs.</summary>
    public static TheoryData<string, string, string> BadSecondSteps => new()
    {
        { """{"name": "Roles", "Roles": [{"Name": "Clerk", "Permissions": ["ManageSettings", "NoSuchPermission"]}]}""", "steps[1].Roles[0].Permissions", "'NoSuchPermission'" },
        { """{"name": "content", "data": [{"ContentItemId": "not an id!", "ContentType": "Note", "TitlePart": {"Title": "x"}}]}""", "steps[1].data[0].ContentItemId", "letters, digits" },
        { """{"name": "content", "Data": [{"ContentItemVersionId": "../etc", "ContentType": "Note"}]}""", "steps[1].Data[0].ContentItemVersionId", "letters, digits" },
        { """{"name": "feature", "disable": ["Test.Always"]}""", "steps[1].disable[0]", "always enabled" },
        { """{"name": "feature", "enable": ["Test.Bridge"]}""", "steps[1].enable[0]", "turns on by itself" },
        { """{"name": "PipelineStages", "stages": [{"name": "New", "probability": 10}, {"name": "Won", "probability": 100, "isWon": true}, {"name": "Lost", "probability": 0, "isLost": true}], "moveLeads": ["Old"]}""", "steps[1].moveLeads", "" },
    };

    [Theory]
    [MemberData(nameof(BadSecondSteps))]
    public async Task A_second_step_its_run_would_refuse_leaves_the_first_unapplied_and_is_named(string step, string path, string reason)
    {
        var recipe = JsonNode.Parse("""{"name": "bad-second", "steps": [{"name": "feature", "enable": ["ErpCrm.Leads", "ErpCrm.OpenApi"]}]}""")!;
        recipe["steps"]!.AsArray().Add(JsonNode.Parse(step));

        var problem = await (await Admin.RunRecipeAsync(recipe)).AssertFieldsAsync(HttpStatusCode.BadRequest, path);

        Assert.Equal("Invalid recipe", problem.Text("title"));
        Assert.Contains("nothing was changed", problem.Text("detail"));
        Assert.StartsWith($"Step 2 ('{JsonNode.Parse(step)!["name"]!.GetValue<string>()}'):", problem.Error(path));
        Assert.Contains(reason, problem.Error(path));
        Assert.All(problem.GetProperty("steps").EnumerateArray(), s => Assert.Equal("not run", s.Text("status")));
        var enabled = (await Admin.GetFeatureStateAsync()).Enabled;
        Assert.DoesNotContain("ErpCrm.Leads", enabled);
        Assert.DoesNotContain("ErpCrm.OpenApi", enabled);
    }

    [Fact]
    public async Task A_permission_of_a_feature_the_recipe_enables_first_is_known_before_it_runs()
    {
        var recipe = JsonNode.Parse("""
            {"name": "sales", "steps": [
              {"name": "feature", "enable": ["ErpCrm.Leads"]},
              {"name": "ContentDefinition", "ContentTypes": [{"Name": "Memo", "DisplayName": "Memo", "Settings": {"ContentTypeSettings": {"Securable": true}}}]},
              {"name": "Roles", "Roles": [{"Name": "Seller", "Permissions": ["ManagePipeline", "Edit_Memo"]}]}
            ]}
            """)!;

        await (await Admin.RunRecipeAsync(recipe)).ReadJsonAsync(HttpStatusCode.OK);

        var role = await (await Admin.GetAsync("api/roles/Seller")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains("ManagePipeline", role.GetProperty("permissions").Strings());
    }

    [Fact]
    public async Task Every_error_line_of_a_bad_recipe_ends_with_exactly_one_full_stop()
    {
        var lines = new List<string>();
        foreach (var recipe in RecipeErrorLines.BadRecipes)
        {
            var problem = await (await Admin.RunRecipeAsync(JsonNode.Parse(recipe)!)).AssertProblemAsync(HttpStatusCode.BadRequest);
            lines.Add(problem.Text("detail"));
            lines.AddRange(problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString()!)));
        }

        Assert.True(lines.Count > 12, string.Join("\n", lines));
        Assert.All(lines, line => Assert.True(RecipeErrorLines.EndsWithOneFullStop(line), line));
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
