using ErpCrm.Core.Identity;
using ErpCrm.Core.Recipes;
using ErpCrm.Recipes;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using ErpCrm.Web.Admin.Recipes;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Recipes;

/// <summary>
/// The confirmation before a recipe runs: its steps and what each will do, and every problem validation finds (nothing has
/// run then). Confirming starts the run in the background and shows its progress. A recipe is chosen by name or uploaded;
/// an uploaded one travels in a hidden field until it runs.
/// </summary>
[RequirePermission(nameof(KernelPermissions.ManageRecipes))]
public sealed class RunModel(TenantRecipes recipes) : AdminPageModel
{
    /// <summary>The largest recipe file the page accepts.</summary>
    public const int MaxUploadBytes = 4 * 1024 * 1024;

    [BindProperty(Name = "name", SupportsGet = true)]
    public string Name { get; set; } = "";

    /// <summary>An uploaded recipe's JSON (empty for a recipe chosen by name).</summary>
    [BindProperty(Name = "json")]
    public string Json { get; set; } = "";

    public Recipe? Recipe { get; private set; }

    public IReadOnlyList<RecipeError> Problems { get; private set; } = [];

    /// <summary>Why an upload could not be read as a recipe at all.</summary>
    public string? ReadError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Recipe = recipes.Find(Name);
        return Recipe is null ? NotFound() : await CheckAsync(ct);
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? recipeFile, CancellationToken ct)
    {
        if (recipeFile is null || recipeFile.Length == 0 || recipeFile.Length > MaxUploadBytes)
        {
            ReadError = $"Choose a recipe file of at most {MaxUploadBytes / 1024 / 1024} MB.";
            return Invalid();
        }
        using (var reader = new StreamReader(recipeFile.OpenReadStream()))
        {
            Json = await reader.ReadToEndAsync(ct);
        }
        return await ReadUploadAsync(Path.GetFileName(recipeFile.FileName), ct);
    }

    /// <summary>Runs the recipe when it still validates; else shows why not.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Json.Length > 0)
        {
            var shown = await ReadUploadAsync("uploaded", ct);
            if (Recipe is null || Problems.Count > 0)
            {
                return shown;
            }
        }
        else
        {
            Recipe = recipes.Find(Name);
            if (Recipe is null)
            {
                return NotFound();
            }
            var checkedAgain = await CheckAsync(ct);
            if (Problems.Count > 0)
            {
                return checkedAgain;
            }
        }
        var run = await recipes.StartAsync(Recipe, ct);
        return RedirectToAdmin($"/admin/recipes/progress?run={run.Id}");
    }

    private async Task<IActionResult> ReadUploadAsync(string fileName, CancellationToken ct)
    {
        var fallback = fileName.EndsWith(".recipe.json", StringComparison.OrdinalIgnoreCase) ? fileName[..^".recipe.json".Length] : Path.GetFileNameWithoutExtension(fileName);
        var (recipe, error) = ErpCrm.Core.Recipes.Recipe.Parse(Json, "", fallback.Length == 0 ? "uploaded" : fallback, "The file");
        if (recipe is null)
        {
            ReadError = error;
            return Invalid();
        }
        Recipe = recipe;
        return await CheckAsync(ct);
    }

    private async Task<IActionResult> CheckAsync(CancellationToken ct)
    {
        Problems = (await recipes.ValidateAsync(Recipe!, ct)).Errors;
        return Problems.Count > 0 ? Invalid() : Page();
    }
}
