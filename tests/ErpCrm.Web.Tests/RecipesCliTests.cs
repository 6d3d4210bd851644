using System.Text.Json.Nodes;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>The recipes verbs and setup from each recipe, from the command line, as a user types them.</summary>
public sealed class RecipesCliTests : IDisposable
{
    private readonly CliSession _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [MemberData(nameof(RepositoryRecipes.Names), MemberType = typeof(RepositoryRecipes))]
    public async Task Setting_up_from_each_recipe_of_the_repository_works_and_turns_its_features_on(string recipe)
    {
        var run = await _cli.SucceedAsync("setup", "--recipe", recipe, "--admin-password", "Correct-horse-1");

        Assert.Contains($"Running recipe '{recipe}'", run.StdoutLines);
        var features = (await _cli.SucceedAsync("features", "list")).StdoutLines;
        Assert.All(RepositoryRecipes.EnabledFeatures(recipe), f => Assert.Contains(features, l => l.StartsWith(f + " ", StringComparison.Ordinal) && l.Contains(" enabled ")));
    }

    [Fact]
    public async Task Listing_names_the_repository_recipes_and_the_modules_recipes()
    {
        var lines = (await _cli.SucceedAsync("recipes", "list")).StdoutLines;

        Assert.Contains(lines, l => l.StartsWith("blank ", StringComparison.Ordinal) && l.Contains("setup") && l.Contains("Blank — An empty company"));
        Assert.Contains(lines, l => l.StartsWith("test-module ", StringComparison.Ordinal) && !l.Contains("setup"));
    }

    [Fact]
    public async Task Running_a_bad_recipe_changes_nothing_and_lists_its_unknown_features_and_steps_on_one_line()
    {
        await _cli.SetUpAsync();
        var file = Path.Combine(_cli.DataDirectory, "bad.recipe.json");
        await File.WriteAllTextAsync(file, """
            {"name": "bad", "steps": [
              {"name": "feature", "enable": ["ErpCrm.OpenApi", "OrchardCore.Lists", "OrchardCore.Menu"]},
              {"name": "Lucene"},
              {"name": "Queries"}
            ]}
            """);

        var message = await _cli.RefusedAsync(["recipes", "run", file], "changed nothing", "unknown features: OrchardCore.Lists, OrchardCore.Menu", "unknown steps: Lucene (step 2), Queries (step 3)");

        Assert.DoesNotContain("ErpCrm.OpenApi", message);
        Assert.Contains((await _cli.SucceedAsync("features", "list")).StdoutLines, Feature("ErpCrm.OpenApi", "disabled"));
    }

    [Fact]
    public async Task A_nested_recipe_the_system_runs_is_validated_before_the_first_step_runs()
    {
        await _cli.SetUpAsync();
        var file = Path.Combine(_cli.DataDirectory, "outer.recipe.json");
        await File.WriteAllTextAsync(file, """
            {"name": "outer", "steps": [
              {"name": "settings", "Motto": "never applied"},
              {"name": "recipes", "Values": [{"executionid": "x", "name": "test-unknown-permission"}]}
            ]}
            """);

        await _cli.RefusedAsync(["recipes", "run", file], "changed nothing", "recipe 'test-unknown-permission'", "'NoSuchPermission'", "Step 2 ('recipes')");

        Assert.DoesNotContain("never applied", (await _cli.SucceedAsync("recipes", "export")).Stdout);
    }

    [Fact]
    public async Task Every_error_line_of_a_bad_recipe_ends_with_exactly_one_full_stop()
    {
        await _cli.SetUpAsync();
        var lines = new List<string>();
        for (var i = 0; i < RecipeErrorLines.BadRecipes.Length; i++)
        {
            var file = Path.Combine(_cli.DataDirectory, $"bad{i}.recipe.json");
            await File.WriteAllTextAsync(file, RecipeErrorLines.BadRecipes[i]);
            // A recipe that stops while running prints the steps it ran first; the error is the one line on standard error.
            var run = await _cli.RunAsync("recipes", "run", file);
            Assert.True(run.ExitCode == 2, run.ToString());
            lines.Add(Assert.Single(run.StderrLines));
        }
        lines.Add(await _cli.RefusedAsync(["recipes", "run", "no-such-recipe"]));

        Assert.All(lines, line => Assert.True(RecipeErrorLines.EndsWithOneFullStop(line), line));
    }

    [Fact]
    public async Task A_recipe_whose_script_would_build_a_huge_string_is_refused_with_exit_2_naming_the_value()
    {
        await _cli.SetUpAsync();
        var file = Path.Combine(_cli.DataDirectory, "hog.recipe.json");
        await File.WriteAllTextAsync(file, """
            {"name": "hog", "steps": [
              {"name": "feature", "enable": ["ErpCrm.OpenApi"]},
              {"name": "settings", "Greeting": "[js: 'x'.repeat(2**28)]"}
            ]}
            """);

        await _cli.RefusedAsync(["recipes", "run", file], "changed nothing", "steps[1].Greeting", "scripts may build at most 1,000,000");

        Assert.Contains((await _cli.SucceedAsync("features", "list")).StdoutLines, Feature("ErpCrm.OpenApi", "disabled"));
    }

    [Fact]
    public async Task An_exported_file_runs_on_another_tenant_and_that_tenant_then_exports_the_same()
    {
        await _cli.SetUpAsync();
        await _cli.SucceedAsync("recipes", "run", "test-module");
        await _cli.SucceedAsync("tenants", "create", "--name", "acme", "--prefix", "acme");
        await _cli.SucceedAsync("setup", "--tenant", "acme", "--recipe", "blank", "--admin-password", "Correct-horse-1");
        var file = Path.Combine(_cli.DataDirectory, "default.recipe.json");

        var exported = await _cli.SucceedAsync("recipes", "export", "--out", file);

        Assert.Equal([$"Exported tenant 'Default' to {file}."], exported.StdoutLines);
        var recipe = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Assert.Contains("\n  \"steps\": [", await File.ReadAllTextAsync(file)); // indented
        Assert.Contains("Test.Delta", recipe["steps"]![0]!["enable"]!.AsArray().Select(f => f!.GetValue<string>()));
        var run = await _cli.SucceedAsync("recipes", "run", file, "--tenant", "acme");
        Assert.Contains("Step 1 of 4: feature", run.StdoutLines);
        Assert.Contains((await _cli.SucceedAsync("features", "list", "--tenant", "acme")).StdoutLines, Feature("Test.Delta", "enabled"));
        var again = await _cli.SucceedAsync("recipes", "export", "--tenant", "acme");
        Assert.Equal((await File.ReadAllTextAsync(file)).Trim(), again.Stdout.Trim());
    }

    [Fact]
    public async Task Exporting_an_unknown_content_type_is_refused_naming_it()
    {
        await _cli.SetUpAsync();

        await _cli.RefusedAsync(["recipes", "export", "--content-types", "Invoice,Memo"], "--content-types", "'Invoice'", "'Memo'");
    }

    /// <summary>A line of 'features list' that shows the feature in this state.</summary>
    private static Predicate<string> Feature(string id, string state) =>
        line => line.StartsWith(id + " ", StringComparison.Ordinal) && line.Contains($"  {state} ", StringComparison.Ordinal);
}
