using ErpCrm.Core;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Recipes;
using ErpCrm.Core.Setup;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Http;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Tenants;

/// <summary>Sets up a registered tenant, with the same service as the setup page and the <c>setup</c> verb, and shows what ran.</summary>
[RequirePermission(nameof(KernelPermissions.ManageTenants))]
public sealed class SetupModel(TenantRegistry registry, TenantSetupService setup, RecipeLocator recipes, AuditLog audit) : AdminPageModel
{
    [BindProperty(Name = "name", SupportsGet = true)] public string Name { get; set; } = "";
    [BindProperty(Name = "siteName")] public string SiteName { get; set; } = "";
    [BindProperty(Name = "adminUserName")] public string AdminUserName { get; set; } = "admin";
    [BindProperty(Name = "adminEmail")] public string AdminEmail { get; set; } = "";
    [BindProperty(Name = "recipe")] public string Recipe { get; set; } = "";

    public TenantInfo Tenant { get; private set; } = null!;
    public IReadOnlyList<Recipe> Recipes => recipes.List().Where(r => r.IsSetupRecipe).ToList();
    public List<string> Progress { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is not { } tenant)
        {
            return NotFound();
        }
        Tenant = tenant;
        SiteName = tenant.Name;
        Recipe = Recipes.Select(r => r.Name).FirstOrDefault(n => n == "blank") ?? Recipes.FirstOrDefault()?.Name ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "adminPassword")] string? password, [FromForm(Name = "adminPasswordConfirm")] string? confirm, CancellationToken ct)
    {
        if (await FindAsync(ct) is not { } tenant)
        {
            return NotFound();
        }
        Tenant = tenant;
        ModelState.Clear();
        if (password != confirm)
        {
            ModelState.AddModelError("adminPasswordConfirm", "The two passwords differ.");
            return Invalid();
        }
        var result = await setup.SetupAsync(new SetupRequest(tenant.Name, SiteName, AdminUserName, AdminEmail, password, tenant.DatabaseProvider,
            tenant.ConnectionString, Recipe), new SynchronousProgress<string>(Progress.Add), ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            return Invalid();
        }
        await audit.RecordAsync(AuditKinds.TenantChanged, tenant.Name, $"Set up with recipe '{Recipe}' and administrator '{AdminUserName}'.", ct);
        Notify($"Tenant {tenant.Name} is set up: {string.Join("; ", Progress)}.");
        return RedirectToAdmin("/admin/tenants");
    }

    private async Task<TenantInfo?> FindAsync(CancellationToken ct) =>
        await registry.FindAsync(Name, ct) is { State: TenantState.Uninitialized, IsDefault: false } tenant ? tenant : null;
}
