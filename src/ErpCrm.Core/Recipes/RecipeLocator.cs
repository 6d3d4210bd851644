using ErpCrm.Core.Hosting;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Recipes;

/// <summary>Finds recipes by file path or by name in the recipe folders.</summary>
public sealed class RecipeLocator(IOptions<ErpCrmOptions> options)
{
    /// <summary>Every readable recipe in the recipe folders, by name.</summary>
    public IReadOnlyList<Recipe> List() =>
        options.Value.RecipeDirectories
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.recipe.json", SearchOption.AllDirectories))
            .Select(Recipe.Load)
            .Where(r => r.Recipe is not null)
            .Select(r => r.Recipe!)
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Loads the recipe a user named: an existing file path, else a recipe name or file name in the recipe folders.</summary>
    public (Recipe? Recipe, string? Error) Resolve(string fileOrName)
    {
        if (string.IsNullOrWhiteSpace(fileOrName))
        {
            return (null, "A recipe (a file or a name) is required.");
        }
        if (File.Exists(fileOrName))
        {
            return Recipe.Load(fileOrName);
        }
        var match = List().FirstOrDefault(r =>
            string.Equals(r.Name, fileOrName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Path.GetFileName(r.FilePath), fileOrName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Path.GetFileName(r.FilePath), fileOrName + ".recipe.json", StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return (match, null);
        }
        var known = string.Join(", ", List().Select(r => r.Name));
        return (null, $"Recipe '{fileOrName}' was not found: it is not a file, nor a recipe name (known: {(known.Length == 0 ? "none" : known)}).");
    }
}
