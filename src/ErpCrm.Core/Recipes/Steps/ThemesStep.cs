using ErpCrm.Core.Tenants;
using ErpCrm.Core.Identity;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Recipes.Steps;

/// <summary><c>themes</c>: <c>{"site": "ThemeName", "admin": "ThemeName"}</c>; the portal uses the site theme.</summary>
internal sealed class ThemesStep(SiteSettings settings) : IRecipeStep
{
    public string Name => "themes";

    public IReadOnlyList<string> RequiredPermissions => [KernelPermissions.ManageSettings.Name];

    public void Validate(RecipeStepContext context)
    {
        var reader = new RecipeStepReader(context);
        reader.Text(context.Step, "", "site");
        reader.Text(context.Step, "", "admin");
    }

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        if (context.Property("site") is { } site)
        {
            await settings.SetAsync("Theme.Site", site, cancellationToken);
        }
        if (context.Property("admin") is { } admin)
        {
            await settings.SetAsync("Theme.Admin", admin, cancellationToken);
        }
    }
}
