using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Recipes;
using ErpCrm.Text;

namespace ErpCrm.Core.Recipes.Steps;

/// <summary>The tenant's settings table: a name and a value (text as it is, anything else as JSON).</summary>
public sealed class SiteSettings(IUnitOfWork unitOfWork)
{
    public Task SetAsync(string name, JsonNode? value, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(
            "INSERT INTO erp_settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            new { name, value = value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : value?.ToJsonString() ?? "null" },
            cancellationToken);

    public Task<string?> GetAsync(string name, CancellationToken cancellationToken) =>
        unitOfWork.QuerySingleOrDefaultAsync<string>("SELECT value FROM erp_settings WHERE name = @name", new { name }, cancellationToken);
}

/// <summary><c>settings</c>: every property but <c>name</c> is a site setting (SiteName, TimeZoneId, HomeRoute…), stored as given.</summary>
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

/// <summary><c>themes</c>: <c>{"site": "ThemeName", "admin": "ThemeName"}</c>; the portal uses the site theme.</summary>
internal sealed class ThemesStep(SiteSettings settings) : IRecipeStep
{
    public string Name => "themes";

    public IReadOnlyList<string> RequiredPermissions => [KernelPermissions.ManageSettings.Name];

    public void Validate(RecipeStepContext context)
    {
        foreach (var property in new[] { "site", "admin" })
        {
            if (context.Property(property) is { } value && (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String))
            {
                context.AddError(context.PropertyName(property), "must be a theme's name.");
            }
        }
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
