using System.Text.RegularExpressions;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Browser.Tests;

/// <summary>The Features page in Chromium: what enabling and disabling a feature does to the menu, the pages and the dashboard.</summary>
public abstract class FeaturesInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task Enabling_Delta_adds_its_menu_item_page_and_widget_and_disabling_it_takes_them_away()
    {
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);
        var deltaLink = Menu(page).GetByRole(AriaRole.Link, new() { Name = "Delta page" });
        await Expect(deltaLink).ToHaveCountAsync(0);

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Features" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Features", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Search features").FillAsync("delta");
        await Expect(EnableButton(page, "Alpha")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "features-searched");
        await EnableButton(page, "Delta").ClickAsync();

        // Delta needs nothing and nothing needs it: it changes at once, without a confirmation.
        await Expect(page).ToHaveURLAsync(new Regex("/admin/features$"));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Enabled Delta." })).ToBeVisibleAsync();
        await Expect(DisableButton(page, "Delta")).ToBeVisibleAsync();
        await Expect(Menu(page).GetByRole(AriaRole.Heading, new() { Name = "Testing" })).ToBeVisibleAsync();
        await Expect(deltaLink).ToBeVisibleAsync();
        await ScreenshotAsync(page, "features-delta-enabled");

        await deltaLink.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/test/delta$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delta's page", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Delta's admin page.")).ToBeVisibleAsync();
        await Expect(deltaLink).ToHaveAttributeAsync("aria-current", "page");
        await ScreenshotAsync(page, "delta-page");

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        var widget = page.GetByRole(AriaRole.Region, new() { Name = "Delta's weekly sample" });
        await Expect(widget).ToBeVisibleAsync();
        await widget.GetByText("Show as a table").ClickAsync();
        await Expect(widget.GetByRole(AriaRole.Row, new() { Name = "Thu 8" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "dashboard-with-delta-widget");

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Features" }).ClickAsync();
        await DisableButton(page, "Delta").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Disabled Delta." })).ToBeVisibleAsync();
        await Expect(EnableButton(page, "Delta")).ToBeVisibleAsync();
        await Expect(deltaLink).ToHaveCountAsync(0);
        await Expect(Menu(page).GetByRole(AriaRole.Heading, new() { Name = "Testing" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "features-delta-disabled");
        var gone = await page.GotoAsync("/admin/test/delta");
        Assert.Equal(404, gone!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "delta-page-gone");
        await page.GotoAsync("/admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Delta's weekly sample" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Enabling_a_feature_that_needs_others_asks_first_naming_them_then_enables_them_all()
    {
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);
        await page.GotoAsync("/admin/features");

        await page.GetByLabel("Search features").FillAsync("gamma");
        await EnableButton(page, "Gamma").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/features/confirm\\?id=Test.Gamma&enable=true$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enable Gamma?", Level = 1 })).ToBeVisibleAsync();
        var alsoEnabled = page.GetByRole(AriaRole.List).Filter(new() { Has = page.GetByText("Test.Alpha") });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "These features will be enabled too" })).ToBeVisibleAsync();
        await Expect(alsoEnabled.GetByRole(AriaRole.Listitem)).ToHaveTextAsync([new Regex("^Alpha\\s+Test\\.Alpha$"), new Regex("^Beta\\s+Test\\.Beta$")]);
        await ScreenshotAsync(page, "features-confirm-gamma");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enable 3 features" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/features$"));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Enabled Alpha, Beta, Gamma." })).ToBeVisibleAsync();
        foreach (var name in new[] { "Alpha", "Beta", "Gamma" })
        {
            await Expect(DisableButton(page, name)).ToBeVisibleAsync();
        }
        await ScreenshotAsync(page, "features-gamma-enabled");
    }

    private static ILocator EnableButton(IPage page, string feature) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Enable " + feature, Exact = true });

    private static ILocator DisableButton(IPage page, string feature) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Disable " + feature, Exact = true });
}

public sealed class SqliteFeaturesInTheBrowserTests(BrowserFixture browser) : FeaturesInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresFeaturesInTheBrowserTests(BrowserFixture browser) : FeaturesInTheBrowserTests(browser, DatabaseProvider.Postgres);
