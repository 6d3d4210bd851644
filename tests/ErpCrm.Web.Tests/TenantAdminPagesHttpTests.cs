using System.Net;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Web.Tests;

/// <summary>
/// The tenants' admin page, which only the Default tenant has, as its administrator uses it in a browser without JavaScript. On a host
/// of its own, as it needs the Default tenant.
/// </summary>
public abstract class TenantAdminPagesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider, ownHost: true)
{
    private BrowserSession _browser = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _browser = await SignInAdminAsync();
    }

    [Fact]
    public async Task The_default_tenant_creates_sets_up_and_disables_a_tenant_whose_admin_has_no_tenants_page()
    {
        var created = await _browser.PostFormAsync("admin/tenants/create",
            [new("name", "Acme"), new("prefix", "acme"), new("database", Host.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite"),
             new("connectionString", Host.ConnectionString ?? "")]);
        Assert.Equal("/admin/tenants/setup?name=Acme", created.Headers.Location!.OriginalString);
        var setUp = await _browser.PostFormAsync("admin/tenants/setup?name=Acme",
            [new("siteName", "Acme & Co"), new("adminUserName", "boss"), new("adminEmail", "boss@example.com"),
             new("adminPassword", "Acme-pass-1"), new("adminPasswordConfirm", "Acme-pass-1"), new("recipe", "blank")]);
        Assert.Contains("Tenant Acme is set up", await _browser.FollowAsync(setUp));

        var boss = BrowserSession.Open(Host, "acme/");
        await boss.SignInOrFailAsync("boss", "Acme-pass-1");
        var dashboard = await boss.GetPageAsync("admin");
        Assert.Contains("Acme &amp; Co", dashboard);
        Assert.Contains("href=\"/acme/admin/features\"", dashboard);
        Assert.DoesNotContain("/admin/tenants", dashboard);
        Assert.Equal(HttpStatusCode.NotFound, await boss.Client.StatusOfAsync("admin/tenants"));

        var disabled = await _browser.PostFormAsync("admin/tenants?handler=state", [new("name", "Acme"), new("enable", "false")], formPage: "admin/tenants");
        Assert.Contains("Tenant Acme is disabled", await _browser.FollowAsync(disabled));
        Assert.Equal(TenantState.Disabled, (await Host.Services.GetRequiredService<TenantRegistry>().FindAsync("Acme", CancellationToken.None))!.State);
        Assert.Equal(HttpStatusCode.NotFound, await boss.Client.StatusOfAsync("login"));
    }
}

public sealed class SqliteTenantAdminPagesHttpTests() : TenantAdminPagesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresTenantAdminPagesHttpTests() : TenantAdminPagesHttpTests(DatabaseProvider.Postgres);
