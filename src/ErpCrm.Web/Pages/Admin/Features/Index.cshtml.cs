using ErpCrm.Core.Features;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Modules;
using ErpCrm.Core.Tenants;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Features;

/// <summary>The tenant's features by category, with a search, and Enable/Disable buttons that confirm when more would change.</summary>
[RequirePermission(nameof(KernelPermissions.ManageFeatures))]
public sealed class IndexModel(FeatureManager manager, ModuleCatalog catalog, TenantAccessor tenant) : AdminPageModel
{
    public sealed record Row(FeatureDescriptor Feature, bool Enabled, IReadOnlyList<string> DependencyNames, string SearchText);

    [BindProperty(Name = "q", SupportsGet = true)]
    public string? Query { get; set; }

    public long Serial { get; private set; }

    public IReadOnlyList<IGrouping<string, Row>> Groups { get; private set; } = [];

    public int Total { get; private set; }

    public bool IsDefaultTenant => tenant.Tenant.IsDefault;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var state = await manager.ReadAsync(ct);
        Serial = state.Serial;
        var words = (Query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rows = catalog.FeaturesInDependencyOrder
            .Select(f => new Row(f, state.Enabled.Contains(f.Id), f.Dependencies.Select(d => catalog.Find(d)?.Name ?? d).ToList(),
                string.Join(' ', f.Name, f.Id, f.Description, f.Category)))
            .ToList();
        Total = rows.Count;
        Groups = rows
            .Where(r => words.All(w => r.SearchText.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(r => r.Feature.Name, StringComparer.OrdinalIgnoreCase)
            .GroupBy(r => r.Feature.Category)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Enables or disables one feature; when others would change too, asks first on the confirmation page.</summary>
    public async Task<IActionResult> OnPostAsync([FromForm] string id, [FromForm] bool enable, [FromForm] long serial, CancellationToken ct)
    {
        var result = enable
            ? await manager.EnableAsync([id], force: false, serial, ct)
            : await manager.DisableAsync([id], force: false, serial, ct);
        if (result.Status == FeatureChangeStatus.NeedsConfirmation)
        {
            return RedirectToAdmin($"/admin/features/confirm?id={Uri.EscapeDataString(id)}&enable={(enable ? "true" : "false")}");
        }
        FeatureChangeMessages.Notify(this, result, enable, catalog.Find(id)?.Name ?? id);
        return RedirectToAdmin("/admin/features" + (string.IsNullOrEmpty(Query) ? "" : "?q=" + Uri.EscapeDataString(Query)));
    }
}
