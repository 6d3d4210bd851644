using ErpCrm.Core.Identity;
using ErpCrm.Core.Recipes;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using ErpCrm.Web.Admin.Recipes;

namespace ErpCrm.Web.Pages.Admin.Recipes;

/// <summary>The recipes this host offers, each with a Run button that leads to its confirmation; an upload for a recipe file.</summary>
[RequirePermission(nameof(KernelPermissions.ManageRecipes))]
public sealed class IndexModel(TenantRecipes recipes) : AdminPageModel
{
    public IReadOnlyList<Recipe> Recipes { get; private set; } = [];

    public void OnGet() => Recipes = recipes.List();
}
