using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>Every recipe in the repository's recipes/ folder sets up a fresh tenant.</summary>
public abstract class RepositoryRecipesSetupTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public void The_recipes_folder_ships_beside_the_host_with_blank_among_its_recipes()
    {
        Assert.Contains("blank", RepositoryRecipes.All().Select(r => r.Name));
        Assert.Equal(Directory.GetFiles(Path.Combine(FindRepository(), "recipes"), "*.recipe.json", SearchOption.AllDirectories).Length, RepositoryRecipes.All().Count);
    }

    [Theory]
    [MemberData(nameof(RepositoryRecipes.Names), MemberType = typeof(RepositoryRecipes))]
    public async Task A_fresh_tenant_is_set_up_with_the_recipe_and_has_its_features_on(string recipe)
    {
        var tenant = await Host.SetUpAnotherTenantAsync("Fresh", recipe);

        var enabled = (await tenant.GetFeatureStateAsync()).Enabled;
        Assert.All(RepositoryRecipes.EnabledFeatures(recipe), f => Assert.Contains(f, enabled));
    }

    private static string FindRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ErpCrm.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("The tests do not run inside the repository.");
    }
}

public sealed class SqliteRepositoryRecipesSetupTests() : RepositoryRecipesSetupTests(DatabaseProvider.Sqlite);

public sealed class PostgresRepositoryRecipesSetupTests() : RepositoryRecipesSetupTests(DatabaseProvider.Postgres);
