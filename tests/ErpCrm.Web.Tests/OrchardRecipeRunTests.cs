using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Core.Modules;
using ErpCrm.Core.Recipes;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Real Orchard Core recipes through the recipe executor: as they are, they change nothing and the refusal lists every
/// feature and step this host does not have; with those removed (and their file snippets supplied) the rest imports.
/// </summary>
public abstract class OrchardRecipeRunTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Theory]
    [InlineData("agency")]
    [InlineData("blog")]
    [InlineData("comingsoon")]
    public async Task A_recipe_as_it_is_changes_nothing_and_names_every_feature_and_step_this_host_lacks(string name)
    {
        var folder = Directory.CreateTempSubdirectory("erpcrm-recipe-");
        try
        {
            var recipe = WriteCopy(folder.FullName, name, OrchardRecipes.Document(name));
            var (unknownFeatures, unknownSteps) = Foreign(OrchardRecipes.Document(name));
            Assert.NotEmpty(unknownFeatures);

            var result = await RunAsync(recipe);

            Assert.False(result.Succeeded);
            Assert.All(result.Steps, s => Assert.Equal("not run", s.Status));
            var summary = RecipeErrors.Summary(result.Errors);
            Assert.All(unknownFeatures, f => Assert.Contains(f, summary));
            Assert.All(unknownSteps, s => Assert.Contains($"{s} (step", summary));
            Assert.Empty(JsonNode.Parse((await (await Admin.GetAsync("api/content-types")).Content.ReadAsStringAsync()))!.AsArray());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("agency")]
    [InlineData("blog")]
    [InlineData("comingsoon")]
    public async Task Without_what_this_host_lacks_a_recipe_imports_its_definitions_settings_and_items_and_running_it_again_changes_nothing(string name)
    {
        var folder = Directory.CreateTempSubdirectory("erpcrm-recipe-");
        try
        {
            var document = OrchardRecipes.Document(name);
            var (unknownFeatures, unknownSteps) = Foreign(document);
            var steps = document["steps"]!.AsArray();
            foreach (var step in steps.ToList().Where(s => unknownSteps.Contains(s!["name"]!.GetValue<string>())))
            {
                steps.Remove(step);
            }
            foreach (var feature in steps.Where(s => string.Equals(s!["name"]!.GetValue<string>(), "feature", StringComparison.OrdinalIgnoreCase)))
            {
                var enable = feature!["enable"]!.AsArray();
                foreach (var id in enable.ToList().Where(i => unknownFeatures.Contains(i!.GetValue<string>())))
                {
                    enable.Remove(id);
                }
            }
            // The Workflows module's script functions (createWorkflowToken…) are what this host lacks too.
            ReplaceScripts(document, "createWorkflowToken", "/contact");
            // Orchard Core's Menu feature defines the Menu type in code; here a recipe step defines it.
            steps.Insert(0, JsonNode.Parse("""
                {"name": "ContentDefinition", "ContentTypes": [{"Name": "Menu", "DisplayName": "Menu", "Settings": {},
                  "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}, {"PartName": "MenuItemsListPart", "Name": "MenuItemsListPart"}]}]}
                """));
            Directory.CreateDirectory(Path.Combine(folder.FullName, "Snippets"));
            File.WriteAllText(Path.Combine(folder.FullName, "Snippets", "footer.html"), "<p>Footer</p>");
            File.WriteAllText(Path.Combine(folder.FullName, "Snippets", "landingpage.liquid"), "{{ Model.Content }}");
            var recipe = WriteCopy(folder.FullName, name, document);

            var first = await RunAsync(recipe);

            Assert.True(first.Succeeded, string.Join("\n", first.Errors));
            Assert.All(first.Steps, s => Assert.Equal("done", s.Status));
            var items = OrchardRecipes.ContentItems(name);
            var types = items.Select(i => i["ContentType"]!.GetValue<string>()).Distinct().ToList();
            var counts = new Dictionary<string, int>();
            foreach (var type in types)
            {
                var list = await Admin.ListItemsAsync(type, "pageSize=100");
                counts[type] = list["total"]!.GetValue<int>();
                Assert.Equal(items.Count(i => i["ContentType"]!.GetValue<string>() == type && IsLatest(i)), counts[type]);
            }
            foreach (var definition in OrchardRecipes.ContentDefinitionStep(name)["ContentTypes"]!.AsArray())
            {
                await (await Admin.GetAsync($"api/content-types/{definition!["Name"]!.GetValue<string>()}")).ReadJsonAsync(HttpStatusCode.OK);
            }
            var siteName = await Host.InTenantAsync(Tenant, services =>
                services.GetRequiredService<ErpCrm.Core.Tenants.SiteSettings>().GetAsync("Theme.Site", CancellationToken.None));
            Assert.False(string.IsNullOrEmpty(siteName));

            var second = await RunAsync(recipe);

            Assert.True(second.Succeeded, string.Join("\n", second.Errors));
            foreach (var type in types.Where(t => items.Any(i => i["ContentType"]!.GetValue<string>() == t && i["ContentItemId"]!.GetValue<string>().Contains("variables", StringComparison.Ordinal))))
            {
                // Items whose ids come from the recipe's variables are new ids on each run (the variables are new uuids);
                // items with fixed ids are updated in place. Either way the first run's items are all still there.
                Assert.True((await Admin.ListItemsAsync(type, "pageSize=100"))["total"]!.GetValue<int>() >= counts[type]);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void ReplaceScripts(JsonNode node, string calling, string replacement)
    {
        foreach (var (key, child) in node is JsonObject json ? json.ToList() : [])
        {
            if (child is JsonValue value && value.TryGetValue<string>(out var text) && text.StartsWith("[js:", StringComparison.Ordinal) && text.Contains(calling, StringComparison.Ordinal))
            {
                node[key] = replacement;
            }
            else if (child is not null)
            {
                ReplaceScripts(child, calling, replacement);
            }
        }
        foreach (var child in node is JsonArray array ? array.Where(c => c is not null).ToList() : [])
        {
            ReplaceScripts(child!, calling, replacement);
        }
    }

    private static bool IsLatest(JsonObject item) => item["Latest"] is not JsonValue latest || latest.GetValue<bool>();

    private async Task<RecipeRunResult> RunAsync(string path)
    {
        var (recipe, error) = Recipe.Load(path);
        Assert.True(recipe is not null, error);
        var tenant = (await Host.Services.GetRequiredService<TenantRegistry>().FindAsync(Tenant, CancellationToken.None))!;
        var parameters = await Host.InTenantAsync(Tenant, services => services.GetRequiredService<RecipeParameters>().ForTenantAsync(CancellationToken.None));
        return await Host.Services.GetRequiredService<RecipeExecutor>().RunAsync(tenant, recipe!, parameters, null, ErpCrm.Security.Actor.System, CancellationToken.None);
    }

    /// <summary>The recipe's feature ids this host's catalog lacks, and its step names no module here provides.</summary>
    private (HashSet<string> Features, HashSet<string> Steps) Foreign(JsonObject document)
    {
        var catalog = Host.Services.GetRequiredService<ModuleCatalog>();
        var known = new[] { "feature", "ContentDefinition", "ReplaceContentDefinition", "DeleteContentDefinition", "content", "settings", "themes", "Roles", "recipes" };
        var steps = document["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>());
        return (
            document["steps"]!.AsArray().Where(s => string.Equals(s!["name"]!.GetValue<string>(), "feature", StringComparison.OrdinalIgnoreCase))
                .SelectMany(s => s!["enable"]!.AsArray().Select(i => i!.GetValue<string>())).Where(id => catalog.Find(id) is null).ToHashSet(),
            steps.Where(s => !known.Contains(s, StringComparer.OrdinalIgnoreCase)).ToHashSet());
    }

    private static string WriteCopy(string folder, string name, JsonObject document)
    {
        var path = Path.Combine(folder, name + ".recipe.json");
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }
}

public sealed class SqliteOrchardRecipeRunTests() : OrchardRecipeRunTests(DatabaseProvider.Sqlite);

public sealed class PostgresOrchardRecipeRunTests() : OrchardRecipeRunTests(DatabaseProvider.Postgres);
