using System.Text.Json.Nodes;
using ErpCrm.Core.Content;
using ErpCrm.Core.Content.Items;
using ErpCrm.Core.Features;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Modules;
using ErpCrm.Data;
using ErpCrm.Modules;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Recipes;

/// <summary>What to put in an export.</summary>
/// <param name="Features">The enabled features (a <c>feature</c> step).</param>
/// <param name="ContentDefinitions">Every content type and part (a <c>ContentDefinition</c> step).</param>
/// <param name="ContentTypes">The types whose items to export (a <c>content</c> step of their latest versions).</param>
/// <param name="Roles">Roles and their permissions, except Administrator (a <c>Roles</c> step).</param>
/// <param name="Settings">Site settings (a <c>settings</c> step) and themes (a <c>themes</c> step).</param>
/// <param name="Sources">The names of the modules' export sources to include.</param>
public sealed record RecipeExportRequest(
    bool Features = true,
    bool ContentDefinitions = true,
    IReadOnlyList<string>? ContentTypes = null,
    bool Roles = true,
    bool Settings = true,
    IReadOnlyList<string>? Sources = null);

/// <summary>
/// Exports the current tenant's configuration as a recipe. The output is stable — steps in a fixed order, lists sorted,
/// no volatile values — so that importing it into a new tenant and exporting again gives the same JSON.
/// </summary>
public sealed class RecipeExporter(
    IFeatureServices<IRecipeExportSource> sources,
    ModuleCatalog catalog,
    FeatureManager features,
    ContentDefinitionStore definitions,
    ContentItemStore items,
    RoleStore roles,
    IUnitOfWork unitOfWork)
{
    /// <summary>Settings the export leaves out: the themes (a step of their own).</summary>
    private static readonly string[] ThemeSettings = ["Theme.Site", "Theme.Admin"];

    private sealed record Setting
    {
        public string Name { get; init; } = "";
        public string Value { get; init; } = "";
    }

    /// <summary>The recipe; errors name unknown content types or sources (nothing is exported then).</summary>
    public async Task<Result<JsonObject>> ExportAsync(RecipeExportRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var types = new List<string>();
        var unknownTypes = new List<string>();
        foreach (var name in (request.ContentTypes ?? []).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (await definitions.FindTypeAsync(name, cancellationToken) is { } type)
            {
                types.Add(type.Definition.Name);
            }
            else
            {
                unknownTypes.Add($"'{name}'");
            }
        }
        if (unknownTypes.Count > 0)
        {
            errors["contentTypes"] = $"There is no content type {string.Join(", ", unknownTypes)}.";
        }
        var chosen = new List<IRecipeExportSource>();
        var unknownSources = new List<string>();
        foreach (var name in (request.Sources ?? []).Distinct(StringComparer.Ordinal))
        {
            if (Sources.FirstOrDefault(s => s.Name == name) is { } source)
            {
                chosen.Add(source);
            }
            else
            {
                unknownSources.Add($"'{name}'");
            }
        }
        if (unknownSources.Count > 0)
        {
            var available = Sources.Select(s => s.Name).ToList();
            errors["sources"] = $"There is no export source {string.Join(", ", unknownSources)} (available: {(available.Count == 0 ? "none" : string.Join(", ", available))}).";
        }
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        var steps = new JsonArray();
        if (request.Features)
        {
            var enabled = (await features.ReadAsync(cancellationToken)).Enabled;
            steps.Add(new JsonObject
            {
                ["name"] = "feature",
                ["enable"] = new JsonArray([.. catalog.FeaturesInDependencyOrder.Where(f => enabled.Contains(f.Id) && f.IsToggleable)
                    .Select(f => f.Id).Order(StringComparer.Ordinal).Select(id => (JsonNode)id)]),
            });
        }
        if (request.Settings)
        {
            var settings = (await unitOfWork.QueryAsync<Setting>("SELECT name AS Name, value AS Value FROM erp_settings", null, cancellationToken))
                .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
            var themes = new JsonObject { ["name"] = "themes" };
            foreach (var theme in settings.Where(s => ThemeSettings.Contains(s.Name)))
            {
                themes[theme.Name == "Theme.Site" ? "site" : "admin"] = theme.Value;
            }
            if (themes.Count > 1)
            {
                steps.Add(themes);
            }
            var step = new JsonObject { ["name"] = "settings" };
            foreach (var setting in settings.Where(s => !ThemeSettings.Contains(s.Name)))
            {
                step[setting.Name] = SettingValue(setting.Value);
            }
            steps.Add(step);
        }
        if (request.ContentDefinitions)
        {
            steps.Add(new JsonObject
            {
                ["name"] = "ContentDefinition",
                ["ContentTypes"] = new JsonArray([.. (await definitions.ListTypesAsync(cancellationToken)).Select(t => (JsonNode)ContentDefinitionJson.Write(t.Definition))]),
                ["ContentParts"] = new JsonArray([.. (await definitions.ListPartsAsync(cancellationToken)).Select(p => (JsonNode)ContentDefinitionJson.Write(p.Definition))]),
            });
        }
        if (request.Roles)
        {
            steps.Add(new JsonObject
            {
                ["name"] = "Roles",
                ["Roles"] = new JsonArray([.. (await roles.ListAsync(cancellationToken))
                    .Where(r => !string.Equals(r.Name, KernelPermissions.AdministratorRole, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(r => r.Name, StringComparer.Ordinal)
                    .Select(r => (JsonNode)new JsonObject
                    {
                        ["Name"] = r.Name,
                        ["Description"] = r.Description,
                        ["Permissions"] = new JsonArray([.. r.Permissions.Order(StringComparer.Ordinal).Select(p => (JsonNode)p)]),
                    })]),
            });
        }
        if (types.Count > 0)
        {
            var data = new JsonArray();
            foreach (var type in types.Order(StringComparer.Ordinal))
            {
                foreach (var item in (await items.LatestOfTypeAsync(type, cancellationToken)).OrderBy(i => i.ContentItemId, StringComparer.Ordinal))
                {
                    data.Add(ContentItemJson.Write(item));
                }
            }
            steps.Add(new JsonObject { ["name"] = "content", ["data"] = data });
        }
        foreach (var source in chosen.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            foreach (var step in await source.ExportAsync(cancellationToken))
            {
                steps.Add(step.DeepClone());
            }
        }
        return new JsonObject
        {
            ["name"] = "export",
            ["displayName"] = "Export",
            ["description"] = "The configuration of a company, exported.",
            ["author"] = "",
            ["website"] = "",
            ["version"] = "1.0.0",
            ["issetuprecipe"] = false,
            ["categories"] = new JsonArray(),
            ["tags"] = new JsonArray(),
            ["steps"] = steps,
        };
    }

    /// <summary>A stored setting as the recipe gives it: JSON objects, arrays and literals as JSON, anything else as text.</summary>
    private static JsonNode? SettingValue(string value)
    {
        if (value.Length > 0 && (value[0] is '{' or '[' || value is "true" or "false" or "null"))
        {
            try
            {
                return JsonNode.Parse(value);
            }
            catch (System.Text.Json.JsonException)
            {
                // Text that merely starts like JSON.
            }
        }
        return value;
    }

    /// <summary>The module export sources available now.</summary>
    public IReadOnlyList<IRecipeExportSource> Sources => sources.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
}
