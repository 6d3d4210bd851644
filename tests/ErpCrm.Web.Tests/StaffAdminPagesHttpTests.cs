using System.Net;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Staff signed in to the Default tenant's admin: the pages they hold a permission for, and 403 for the others, the tenants'
/// page (which only the Default tenant has) included. On a host of its own, as that page needs the Default tenant.
/// </summary>
public abstract class StaffAdminPagesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider, ownHost: true)
{
    [Fact]
    public async Task Staff_open_the_admin_but_not_the_pages_they_lack_the_permission_for_and_the_menu_shows_only_theirs()
    {
        await Host.CreateUserWithTokenAsync(Tenant, "staffer", "Staff");
        var browser = BrowserSession.Open(Host);
        await browser.SignInOrFailAsync("staffer", TestHost.AdminPassword);

        var dashboard = await browser.GetPageAsync("admin");
        Assert.Contains("href=\"/admin/tokens\"", dashboard);
        Assert.DoesNotContain("href=\"/admin/users\"", dashboard);
        Assert.DoesNotContain("href=\"/admin/features\"", dashboard);
        Assert.Equal(HttpStatusCode.OK, await browser.Client.StatusOfAsync("admin/tokens"));
        foreach (var path in new[] { "admin/users", "admin/roles", "admin/features", "admin/audit", "admin/tenants" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, await browser.Client.StatusOfAsync(path));
        }
    }
}

public sealed class SqliteStaffAdminPagesHttpTests() : StaffAdminPagesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresStaffAdminPagesHttpTests() : StaffAdminPagesHttpTests(DatabaseProvider.Postgres);
