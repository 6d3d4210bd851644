using ErpCrm.Core.Features;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Modules;
using ErpCrm.Core.Tenants;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Features;

/// <summary>
/// Shows what enabling or disabling a feature would change besides it (dependencies to enable, dependents to disable,
/// bridges) and applies exactly that plan when confirmed: if the features changed meanwhile, nothing is applied.
/// </summary>
[RequirePermission(nameof(KernelPermissions.ManageFeatures))]
public sealed class ConfirmModel(FeatureManager manager, ModuleCatalog catalog, TenantAccessor tenant) : AdminPageModel
{
    [BindProperty(Name = "id", SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty(Name = "enable", SupportsGet = true)]
    public bool Enable { get; set; }

    public FeatureDescriptor? Feature { get; private set; }

    public FeaturePlan Plan { get; private set; } = null!;

    public long Serial { get; private set; }

    public IReadOnlyList<FeatureDescriptor> OthersEnabled => Plan.ToEnable.Where(f => f.Id != Id).ToList();

    public IReadOnlyList<FeatureDescriptor> OthersDisabled => Plan.ToDisable.Where(f => f.Id != Id).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Feature = catalog.Find(Id);
        if (Feature is null)
        {
            return NotFound();
        }
        var state = await manager.ReadAsync(ct);
        Serial = state.Serial;
        Plan = Enable
            ? FeatureResolver.PlanEnable(catalog, state.Enabled, [Id], tenant.Tenant.IsDefault)
            : FeatureResolver.PlanDisable(catalog, state.Enabled, [Id], tenant.Tenant.IsDefault);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] long serial, CancellationToken ct)
    {
        var result = Enable
            ? await manager.EnableAsync([Id], force: true, serial, ct)
            : await manager.DisableAsync([Id], force: true, serial, ct);
        FeatureChangeMessages.Notify(this, result, Enable, catalog.Find(Id)?.Name ?? Id);
        return RedirectToAdmin("/admin/features");
    }
}
