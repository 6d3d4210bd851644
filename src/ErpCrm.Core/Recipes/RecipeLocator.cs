using System.Collections.Concurrent;
using ErpCrm.Core.Modules;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Recipes;

/// <summary>Finds recipes by file path or by name in the recipe folders (the host's <c>recipes/</c> and each module's <c>Recipes/</c>).</summary>
public sealed class RecipeLocator(IOptions<ErpCrmOptions> options)
{
    private readonly ConcurrentDictionary<string, ((DateTime Written, long Length) Stamp, string? Name)> _names = new(StringComparer.Ordinal);

    /// <summary>
    /// The folder of each module's own recipes: a module copies its <c>Recipes/*.recipe.json</c> to
    /// <c>Recipes/&lt;its assembly name&gt;/</c> beside its assembly (Directory.Build.targets does that for every project).
    /// </summary>
    public static IEnumerable<string> ModuleFolders(ModuleCatalog catalog) =>
        catalog.Modules
            .Where(m => m.Assembly is { Location.Length: > 0 })
            .Select(m => Path.Combine(Path.GetDirectoryName(m.Assembly!.Location)!, "Recipes", m.Assembly.GetName().Name!))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Every readable recipe in the recipe folders, by name.</summary>
    public IReadOnlyList<Recipe> List() =>
        RecipeFiles()
            .Select(Recipe.Load)
            .Where(r => r.Recipe is not null)
            .Select(r => r.Recipe!)
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>The recipe of the recipe folders with this name (or file name, with or without <c>.recipe.json</c>); never a path.</summary>
    /// <remarks>
    /// Every tenant's setup names its recipe: only the file found is read in full, the others' names come from
    /// <see cref="_names"/> while their files are unchanged.
    /// </remarks>
    public Recipe? FindByName(string name)
    {
        var path = RecipeFiles()
            .Select(file => (File: file, Name: NameOf(file)))
            .Where(r => r.Name is not null)
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(r =>
                string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(Path.GetFileName(r.File), name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(Path.GetFileName(r.File), name + ".recipe.json", StringComparison.OrdinalIgnoreCase))
            .File;
        // Read afresh: a recipe's steps are mutable JSON, never shared between runs.
        return path is null ? null : Recipe.Load(path).Recipe;
    }

    private IEnumerable<string> RecipeFiles() =>
        options.Value.RecipeDirectories
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.recipe.json", SearchOption.AllDirectories))
            // On a file system that ignores case, recipes/ and a module's Recipes/ beside it are one folder.
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>The name of the recipe in this file, or null when it cannot be read as one; read again when the file changes.</summary>
    private string? NameOf(string file)
    {
        var info = new FileInfo(file);
        var stamp = (info.LastWriteTimeUtc, info.Exists ? info.Length : -1);
        if (_names.TryGetValue(file, out var known) && known.Stamp == stamp)
        {
            return known.Name;
        }
        var name = Recipe.Load(file).Recipe?.Name;
        _names[file] = (stamp, name);
        return name;
    }

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
        if (FindByName(fileOrName) is { } match)
        {
            return (match, null);
        }
        var known = string.Join(", ", List().Select(r => r.Name));
        return (null, $"Recipe '{fileOrName}' was not found: it is not a file, nor a recipe name (known: {(known.Length == 0 ? "none" : known)}).");
    }
}
