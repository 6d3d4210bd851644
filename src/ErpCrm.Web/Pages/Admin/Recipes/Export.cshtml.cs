using System.Text;
using System.Text.Json;
using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Recipes;
using ErpCrm.Core.Tenants;
using ErpCrm.Http;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Recipes;

/// <summary>Exports the tenant's configuration as a recipe file: the admin picks what to include; Download answers the file.</summary>
[RequirePermission(nameof(KernelPermissions.ManageRecipes))]
public sealed class ExportModel(RecipeExporter exporter, ContentDefinitionStore definitions, TenantAccessor tenant) : AdminPageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [BindProperty(Name = "features")] public bool Features { get; set; } = true;
    [BindProperty(Name = "contentDefinitions")] public bool ContentDefinitions { get; set; } = true;
    [BindProperty(Name = "roles")] public bool Roles { get; set; } = true;
    [BindProperty(Name = "settings")] public bool Settings { get; set; } = true;
    [BindProperty(Name = "contentTypes")] public List<string> ContentTypes { get; set; } = [];
    [BindProperty(Name = "sources")] public List<string> Sources { get; set; } = [];

    /// <summary>The content types to offer: technical name and display name.</summary>
    public IReadOnlyList<(string Name, string DisplayName)> Types { get; private set; } = [];

    /// <summary>The modules' export sources to offer: name and display name.</summary>
    public IReadOnlyList<(string Name, string DisplayName)> SourceChoices { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear(); // unchecked boxes are false; every choice is checked by the exporter
        var exported = await exporter.ExportAsync(new RecipeExportRequest(Features, ContentDefinitions, ContentTypes, Roles, Settings, Sources), ct);
        if (exported.Value is not { } recipe)
        {
            ModelState.AddFailure(exported.Failure!, "export");
            await LoadAsync(ct);
            return Invalid();
        }
        var bytes = Encoding.UTF8.GetBytes(recipe.ToJsonString(Indented) + "\n");
        return File(bytes, "application/json", $"{tenant.Tenant.Name}-export.recipe.json");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Types = (await definitions.ListTypesAsync(ct)).Select(t => (t.Definition.Name, t.Definition.DisplayName))
            .OrderBy(t => t.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
        SourceChoices = exporter.Sources.Select(s => (s.Name, s.DisplayName)).ToList();
    }
}
