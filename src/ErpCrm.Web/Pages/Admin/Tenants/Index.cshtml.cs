using ErpCrm.Core.Identity;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Tenants;

/// <summary>The host's tenants (Default tenant only): their state and address; disable and enable them.</summary>
[RequirePermission(nameof(KernelPermissions.ManageTenants))]
public sealed class IndexModel(TenantRegistry registry, TenantStore store, AuditLog audit) : AdminPageModel
{
    public IReadOnlyList<TenantInfo> Tenants { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Tenants = await registry.GetAllAsync(ct);

    /// <summary>Disables a running tenant (it answers 404 and keeps its data) or enables a disabled one.</summary>
    public async Task<IActionResult> OnPostStateAsync([FromForm] string name, [FromForm] bool enable, CancellationToken ct)
    {
        var tenant = await registry.FindAsync(name, ct);
        if (tenant is null)
        {
            return NotFound();
        }
        if (tenant.IsDefault)
        {
            Notify("The Default tenant cannot be disabled: it hosts this page.", "danger");
            return RedirectToAdmin("/admin/tenants");
        }
        var changed = enable
            ? await store.TryChangeStateAsync(tenant.Name, TenantState.Disabled, TenantState.Running, ct)
            : await store.TryChangeStateAsync(tenant.Name, TenantState.Running, TenantState.Disabled, ct);
        registry.Invalidate();
        if (!changed)
        {
            Notify($"Tenant {tenant.Name} is {tenant.State.ToString().ToLowerInvariant()}, so it cannot be {(enable ? "enabled" : "disabled")}.", "warning");
            return RedirectToAdmin("/admin/tenants");
        }
        await audit.RecordAsync(AuditKinds.TenantChanged, tenant.Name, enable ? "Enabled." : "Disabled.", ct);
        Notify(enable ? $"Tenant {tenant.Name} is enabled." : $"Tenant {tenant.Name} is disabled: it answers 404 and keeps its data.");
        return RedirectToAdmin("/admin/tenants");
    }

    /// <summary>Where the tenant's admin is, as a link.</summary>
    public string AdminUrlOf(TenantInfo tenant) =>
        tenant.RequestUrlHosts.Count > 0
            ? $"{Request.Scheme}://{tenant.RequestUrlHosts[0]}/admin"
            : $"{Request.Scheme}://{Request.Host}{Request.PathBase}{(tenant.RequestUrlPrefix is null ? "" : "/" + tenant.RequestUrlPrefix)}/admin";

    public static string AddressOf(TenantInfo tenant) =>
        tenant.IsDefault ? "every other request"
        : tenant.RequestUrlHosts.Count > 0 ? string.Join(", ", tenant.RequestUrlHosts)
        : "/" + tenant.RequestUrlPrefix;
}
