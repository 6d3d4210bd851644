using ErpCrm.Core.Identity;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Http;
using ErpCrm.Security;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Tenants;

/// <summary>Registers a tenant: its name, how requests reach it (a URL prefix or a host name) and its database.</summary>
[RequirePermission(nameof(KernelPermissions.ManageTenants))]
public sealed class CreateModel(TenantService tenants, AuditLog audit) : AdminPageModel
{
    [BindProperty(Name = "name")] public string Name { get; set; } = "";
    [BindProperty(Name = "prefix")] public string Prefix { get; set; } = "";
    [BindProperty(Name = "host")] public string Host { get; set; } = "";
    [BindProperty(Name = "database")] public string Database { get; set; } = "sqlite";
    [BindProperty(Name = "connectionString")] public string ConnectionString { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var provider = Database == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var (tenant, errors) = await tenants.CreateAsync(new TenantCreateRequest(Name, Prefix, string.IsNullOrWhiteSpace(Host) ? [] : [Host],
            provider, provider == DatabaseProvider.Postgres ? ConnectionString : null), ct);
        if (tenant is null)
        {
            ModelState.AddErrors(errors);
            return Invalid();
        }
        await audit.RecordAsync(AuditKinds.TenantChanged, tenant.Name, $"Created ({tenant.DatabaseProvider}, {IndexModel.AddressOf(tenant)}).", ct);
        Notify($"Tenant {tenant.Name} is created. Set it up now: its site name, administrator and recipe.");
        return RedirectToAdmin($"/admin/tenants/setup?name={Uri.EscapeDataString(tenant.Name)}");
    }
}
