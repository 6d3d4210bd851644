using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Core.Tenants;
using ErpCrm.Core.Identity;
using ErpCrm.Recipes;
using ErpCrm.Text;

namespace ErpCrm.Core.Recipes.Steps;

/// <summary><c>settings</c>: every property but <c>name</c> is a site setting (SiteName, TimeZoneId, HomeRoute, Culture…), stored as given.</summary>
internal sealed class SettingsStep(SiteSettings settings) : IRecipeStep
{
    public string Name => "settings";

    public IReadOnlyList<string> RequiredPermissions => [KernelPermissions.ManageSettings.Name];

    public void Validate(RecipeStepContext context)
    {
        foreach (var (name, value) in context.Step.Where(p => p.Key != "name"))
        {
            if (name.Length > 200)
            {
                context.AddError(name[..20], "a setting's name has at most 200 characters.");
            }
            // A site setting shows in pages and mail headers (the site name): text spanning lines is never a setting.
            else if ((ControlCharacters.Error(name, "A setting's name") ?? TextError(name, value)) is { } error)
            {
                context.AddError(name, error);
            }
            // The culture amounts are typed in: the Company settings page's rule, so that a recipe cannot store one no form reads.
            else if (name == TenantCulture.Setting && TenantCulture.Problem(value) is { } problem)
            {
                context.AddError(name, problem);
            }
        }
    }

    private static string? TextError(string name, JsonNode? value) =>
        value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? ControlCharacters.Error(text.GetValue<string>(), name) : null;

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in context.Step.Where(p => p.Key != "name"))
        {
            await settings.SetAsync(name, value, cancellationToken);
        }
    }
}
