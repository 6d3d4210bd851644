using System.Text.RegularExpressions;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Browser.Tests;

/// <summary>Who gets into the admin: only those who hold AccessAdmin, in Chromium.</summary>
public abstract class AdminAccessInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task A_user_without_AccessAdmin_signs_in_and_sees_the_not_allowed_page_while_the_admin_gets_in()
    {
        await Host.CreateUserWithTokenAsync(Tenant, "clerk"); // no role: no permission at all
        var clerk = await OpenPageAsync();

        await SignInAsync(clerk, "clerk", TestHost.AdminPassword);

        await Expect(clerk).ToHaveURLAsync(new Regex("/admin$"));
        await Expect(clerk.GetByRole(AriaRole.Heading, new() { Name = "Not allowed", Level = 1 })).ToBeVisibleAsync();
        await Expect(clerk.GetByText("You are signed in as clerk, but this account does not hold the permission")).ToBeVisibleAsync();
        await Expect(Menu(clerk)).ToHaveCountAsync(0);
        await ScreenshotAsync(clerk, "access-denied");
        var again = await clerk.GotoAsync("/admin");
        Assert.Equal(403, again!.Status);
        var features = await clerk.GotoAsync("/admin/features");
        Assert.Equal(403, features!.Status);

        var admin = await OpenPageAsync();
        await SignInAsync(admin, "admin", TestHost.AdminPassword);
        var dashboard = await admin.GotoAsync("/admin");
        Assert.Equal(200, dashboard!.Status);
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
    }
}

public sealed class SqliteAdminAccessInTheBrowserTests(BrowserFixture browser) : AdminAccessInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresAdminAccessInTheBrowserTests(BrowserFixture browser) : AdminAccessInTheBrowserTests(browser, DatabaseProvider.Postgres);
