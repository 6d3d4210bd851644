using System.Text.Json.Nodes;
using ErpCrm.Core.Recipes;

namespace ErpCrm.Testing;

/// <summary>The recipes of the repository's recipes/ folder, as the host ships them (copied beside the tests).</summary>
public static class RepositoryRecipes
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "recipes");

    public static IReadOnlyList<Recipe> All() =>
        Directory.EnumerateFiles(Folder, "*.recipe.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => Recipe.Load(path).Recipe ?? throw new InvalidOperationException($"{path} does not read as a recipe."))
            .ToList();

    /// <summary>Every recipe's name, for a theory.</summary>
    public static TheoryData<string> Names() => [.. All().Select(r => r.Name)];

    /// <summary>The names of the recipes offered at setup, for a theory.</summary>
    public static TheoryData<string> SetupNames() => [.. All().Where(r => r.IsSetupRecipe).Select(r => r.Name)];

    /// <summary>The features the recipe's feature steps enable.</summary>
    public static IReadOnlyList<string> EnabledFeatures(string name) =>
        All().Single(r => r.Name == name).Steps.OfType<JsonObject>()
            .Where(s => string.Equals(s["name"]?.GetValue<string>(), "feature", StringComparison.OrdinalIgnoreCase))
            .SelectMany(s => s["enable"] as JsonArray ?? [])
            .Select(f => f!.GetValue<string>())
            .Where(f => !f.StartsWith("[js:", StringComparison.Ordinal))
            .ToList();
}
