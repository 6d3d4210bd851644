using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// A recipe run by a user can do only what that user may do: each step needs the permissions of the API that makes the same
/// change, grants only what the runner holds and touches only roles below theirs, and every step the runner may not perform is
/// named before anything runs. Setup and the command line run recipes as the system (their own tests).
/// </summary>
public abstract class RecipePrivilegeHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    /// <summary>The attack the probe made: a user holding only ManageRecipes gives their own role the keys to the tenant.</summary>
    [Fact]
    public async Task A_recipe_runner_with_only_ManageRecipes_cannot_grant_their_own_role_anything()
    {
        await Admin.CreateRoleAsync("Recipe runner", "ManageRecipes");
        var runner = await Host.ClientOfNewUserAsync("rita", "Recipe runner");
        var escalation = Recipe(Step("Roles", new JsonObject
        {
            ["Roles"] = new JsonArray(new JsonObject
            {
                ["Name"] = "Recipe runner",
                ["Permissions"] = new JsonArray("ManageRecipes", "ManageUsers", "ManageRoles", "ManageFeatures", "ManageTenants"),
            }),
        }));

        var problem = await (await runner.RunRecipeAsync(escalation)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("'ManageRoles'", Errors(problem, "steps[0]"));
        var me = await (await runner.GetAsync("api/me")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["ManageRecipes"], me.GetProperty("permissions").Strings());
        var role = await (await Admin.GetAsync("api/roles/Recipe%20runner")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["ManageRecipes"], role.GetProperty("permissions").Strings());
    }

    [Fact]
    public async Task A_roles_step_grants_only_permissions_the_runner_holds()
    {
        await Admin.CreateRoleAsync("Role keeper", "ManageRecipes", "ManageRoles", "ViewAuditLog");
        var runner = await Host.ClientOfNewUserAsync("ken", "Role keeper");

        var problem = await (await runner.RunRecipeAsync(Recipe(Step("Roles", Roles(("Auditors", ["ViewAuditLog", "ManageUsers", "ManageTenants"]))))))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        var message = Errors(problem, "steps[0].Roles[0].Permissions");
        Assert.Contains("'ManageUsers'", message);
        Assert.Contains("'ManageTenants'", message);
        Assert.DoesNotContain("ViewAuditLog", message);
        await (await Admin.GetAsync("api/roles/Auditors")).AssertProblemAsync(HttpStatusCode.NotFound);

        await runner.RunRecipeOrFailAsync(Recipe(Step("Roles", Roles(("Auditors", ["ViewAuditLog"])))).ToJsonString());
        var auditors = await (await Admin.GetAsync("api/roles/Auditors")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["ViewAuditLog"], auditors.GetProperty("permissions").Strings());
        var audit = await Admin.GetAuditAsync("kind=role-created");
        Assert.Contains(audit, e => e.Text("subject") == "Auditors" && e.Text("actor") == "ken");
    }

    [Fact]
    public async Task A_roles_step_cannot_empty_or_change_a_role_above_the_runner()
    {
        await Admin.CreateRoleAsync("Salesperson", "AccessAdmin", "ManageUsers");
        await Admin.CreateRoleAsync("Role keeper", "ManageRecipes", "ManageRoles", "AccessAdmin");
        var runner = await Host.ClientOfNewUserAsync("ken", "Role keeper");

        var problem = await (await runner.RunRecipeAsync(Recipe(Step("Roles", Roles(("Salesperson", []), ("Administrator", ["AccessAdmin"]))))))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("you do not hold: ManageUsers", Errors(problem, "steps[0].Roles[0]"));
        var salesperson = await (await Admin.GetAsync("api/roles/Salesperson")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["AccessAdmin", "ManageUsers"], salesperson.GetProperty("permissions").Strings());
    }

    [Fact]
    public async Task A_feature_step_needs_ManageFeatures_as_the_features_api_does()
    {
        await Admin.CreateRoleAsync("Recipe runner", "ManageRecipes");
        var runner = await Host.ClientOfNewUserAsync("rita", "Recipe runner");
        var recipe = Recipe(Step("feature", new JsonObject { ["enable"] = new JsonArray("Test.Delta") }));

        var problem = await (await runner.RunRecipeAsync(recipe)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("'ManageFeatures'", Errors(problem, "steps[0]"));
        Assert.DoesNotContain("Test.Delta", (await Admin.GetFeatureStateAsync()).Enabled);

        await Admin.CreateRoleAsync("Feature keeper", "ManageRecipes", "ManageFeatures");
        var keeper = await Host.ClientOfNewUserAsync("fred", "Feature keeper");
        await keeper.RunRecipeOrFailAsync(recipe.ToJsonString());
        Assert.Contains("Test.Delta", (await Admin.GetFeatureStateAsync()).Enabled);
    }

    /// <summary>Validation names every step the runner may not perform, and nothing runs, not even the steps the runner may.</summary>
    [Fact]
    public async Task Every_step_the_runner_may_not_perform_is_named_before_anything_runs()
    {
        await Admin.CreateRoleAsync("Role keeper", "ManageRecipes", "ManageRoles");
        var runner = await Host.ClientOfNewUserAsync("ken", "Role keeper");
        var recipe = Recipe(
            Step("Roles", Roles(("Helpers", []))),
            Step("feature", new JsonObject { ["enable"] = new JsonArray("Test.Delta") }),
            Step("settings", new JsonObject { ["SiteName"] = "Taken over" }),
            Step("ContentDefinition", new JsonObject { ["ContentTypes"] = new JsonArray(), ["ContentParts"] = new JsonArray() }));

        var response = await runner.RunRecipeAsync(recipe);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["steps[1]", "steps[2]", "steps[3]"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("'ManageFeatures'", Errors(problem, "steps[1]"));
        Assert.Contains("'ManageSettings'", Errors(problem, "steps[2]"));
        Assert.Contains("'ManageContentTypes'", Errors(problem, "steps[3]"));
        Assert.All(problem.GetProperty("steps").EnumerateArray(), s => Assert.Equal("not run", s.GetProperty("status").GetString()));
        await (await Admin.GetAsync("api/roles/Helpers")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_content_step_creates_and_changes_only_what_the_runner_may_edit()
    {
        await Admin.CreateTypeAsync("""{"Name": "Memo", "DisplayName": "Memo", "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}]}""");
        var (adminsMemo, _) = await Admin.CreateItemAsync("Memo", new JsonObject { ["TitlePart"] = new JsonObject { ["Title"] = "The admin's" } });
        await Admin.CreateRoleAsync("Memo writer", "ManageRecipes", "EditOwnContent", "ViewOwnContent");
        var runner = await Host.ClientOfNewUserAsync("mo", "Memo writer");
        await Admin.CreateRoleAsync("Recipe runner", "ManageRecipes");
        var nobody = await Host.ClientOfNewUserAsync("rita", "Recipe runner");

        var refused = await (await nobody.RunRecipeAsync(Recipe(Step("content", Items(Memo("m-rita-000000000001", "Rita's")))))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Memo", Errors(refused, "steps[0].data[0]"));

        var takeover = await (await runner.RunRecipeAsync(Recipe(Step("content", Items(Memo(adminsMemo.Id(), "Mine now"))))))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Memo", Errors(takeover, "steps[0].data[0]"));
        var (unchanged, _) = await Admin.GetItemAsync("Memo", adminsMemo.Id());
        Assert.Equal("The admin's", unchanged["TitlePart"]!["Title"]!.GetValue<string>());

        await runner.RunRecipeOrFailAsync(Recipe(Step("content", Items(Memo("m-mo-00000000000001", "Mo's")))).ToJsonString());
        var (created, _) = await runner.GetItemAsync("Memo", "m-mo-00000000000001");
        Assert.Equal(await runner.MyIdAsync(), created["Owner"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_nested_recipe_is_checked_against_the_runner_before_the_outer_one_runs()
    {
        await Admin.CreateRoleAsync("Role keeper", "ManageRecipes", "ManageRoles", "AccessAdmin");
        var runner = await Host.ClientOfNewUserAsync("ken", "Role keeper");
        var recipe = Recipe(Step("Roles", Roles(("Helpers", ["AccessAdmin"]))), Step("recipes", new JsonObject
        {
            ["Values"] = new JsonArray(new JsonObject { ["executionid"] = "x", ["name"] = "test-module" }),
        }));

        var problem = await (await runner.RunRecipeAsync(recipe)).AssertProblemAsync(HttpStatusCode.BadRequest);

        var message = Errors(problem, "steps[1].Values[0]");
        Assert.Contains("recipe 'test-module'", message);
        Assert.Contains("'ManageFeatures'", message);
        await (await Admin.GetAsync("api/roles/Helpers")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_administrator_still_runs_every_step()
    {
        await Admin.RunRecipeOrFailAsync(Recipe(
            Step("feature", new JsonObject { ["enable"] = new JsonArray("Test.Alpha") }),
            Step("Roles", Roles(("Note takers", ["ManageTestNotes", "ManageUsers"]))),
            Step("TestNotes", new JsonObject { ["notes"] = new JsonArray("from a recipe") }),
            Step("settings", new JsonObject { ["SiteName"] = "Renamed" })).ToJsonString());

        var role = await (await Admin.GetAsync("api/roles/Note%20takers")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["ManageTestNotes", "ManageUsers"], role.GetProperty("permissions").Strings());
    }

    /// <summary>The admin page runs recipes in the background: still as the user who confirmed the run.</summary>
    [Fact]
    public async Task The_recipes_page_names_what_the_user_may_not_do_and_runs_the_rest_as_that_user()
    {
        var browser = await BrowserSession.SignInNewUserAsync(Host, Admin, "ken", "ManageRecipes", "ManageRoles");

        var confirm = await browser.Client.GetAsync("admin/recipes/run?name=test-module");
        Assert.Equal(HttpStatusCode.BadRequest, confirm.StatusCode);
        Assert.Contains("&#x27;ManageFeatures&#x27;", await confirm.Content.ReadAsStringAsync());
        var refused = await browser.PostFormAsync("admin/recipes/run", [new("name", "test-module"), new("json", "")], "admin/recipes");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain("Test.Delta", (await Admin.GetFeatureStateAsync()).Enabled);

        var json = Recipe(Step("Roles", Roles(("Helpers", ["AccessAdmin"])))).ToJsonString();
        var posted = await browser.PostFormAsync("admin/recipes/run", [new("name", ""), new("json", json)], "admin/recipes");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        for (var i = 0; i < 100 && (await Admin.GetAsync("api/roles/Helpers")).StatusCode != HttpStatusCode.OK; i++)
        {
            await Task.Delay(100);
        }
        var audit = await Admin.GetAuditAsync("kind=role-created");
        Assert.Contains(audit, e => e.Text("subject") == "Helpers" && e.Text("actor") == "ken");
    }

    private static JsonObject Recipe(params JsonObject[] steps) => new() { ["name"] = "attempt", ["steps"] = new JsonArray(steps) };

    private static JsonObject Step(string name, JsonObject data)
    {
        var step = new JsonObject { ["name"] = name };
        foreach (var (key, value) in data)
        {
            step[key] = value?.DeepClone();
        }
        return step;
    }

    private static JsonObject Roles(params (string Name, string[] Permissions)[] roles) => new()
    {
        ["Roles"] = new JsonArray(roles.Select(r => (JsonNode)new JsonObject
        {
            ["Name"] = r.Name,
            ["Description"] = "",
            ["Permissions"] = new JsonArray(r.Permissions.Select(p => (JsonNode)JsonValue.Create(p)).ToArray()),
        }).ToArray()),
    };

    private static JsonObject Items(params JsonObject[] items) => new() { ["data"] = new JsonArray(items) };

    private static JsonObject Memo(string id, string title) => new()
    {
        ["ContentItemId"] = id,
        ["ContentType"] = "Memo",
        ["DisplayText"] = title,
        ["TitlePart"] = new JsonObject { ["Title"] = title },
    };

    private static string Errors(JsonElement problem, string path) =>
        string.Join(" ", problem.GetProperty("errors").GetProperty(path).EnumerateArray().Select(e => e.GetString()));
}

public sealed class SqliteRecipePrivilegeHttpTests() : RecipePrivilegeHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresRecipePrivilegeHttpTests() : RecipePrivilegeHttpTests(DatabaseProvider.Postgres);
