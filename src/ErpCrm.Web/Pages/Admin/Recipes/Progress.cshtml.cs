using ErpCrm.Background;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Recipes;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using ErpCrm.Web.Admin.Recipes;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Recipes;

/// <summary>
/// A recipe running in the background: step i of n while it runs (htmx refreshes the status every second; without
/// JavaScript the page refreshes itself), then the outcome of every step.
/// </summary>
[RequirePermission(nameof(KernelPermissions.ManageRecipes))]
public sealed class ProgressModel(TenantRecipes recipes) : AdminPageModel
{
    [BindProperty(Name = "run", SupportsGet = true)]
    public Guid RunId { get; set; }

    public BackgroundRun<Recipe, RecipeProgress, RecipeRunResult> Run { get; private set; } = null!;

    /// <summary>The outcome, once the run has ended.</summary>
    public RecipeRunResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (recipes.FindRun(RunId) is not { } run)
        {
            return NotFound();
        }
        Run = run;
        // A run that ends within a moment shows its outcome at once rather than one refresh later.
        await Task.WhenAny(run.Completion, Task.Delay(TimeSpan.FromMilliseconds(200)));
        Result = run.Completion.IsCompleted ? await run.Completion : null;
        return IsHtmx ? Partial("_RunStatus", this) : Page();
    }
}
