using System.Text.RegularExpressions;
using ErpCrm.Core.Shell;
using ErpCrm.Testing;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ErpCrm.Browser.Tests;

/// <summary>A new user's first minutes: the site is not set up, the browser lands on the setup page.</summary>
public sealed class SetupInTheBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        browser.AssertNoContentSecurityViolations();
    }

    [Fact]
    public async Task A_new_user_is_sent_to_setup_fixes_a_mistake_and_sets_up_the_company()
    {
        await using var context = await browser.NewContextAsync(_host.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        Assert.EndsWith("/setup", new Uri(page.Url).AbsolutePath);
        await BrowserFixture.ScreenshotAsync(page, "setup-empty");

        await page.FillAsync("input[name=siteName]", "Acme Trading");
        await page.FillAsync("input[name=adminUserName]", "admin");
        await page.FillAsync("input[name=adminEmail]", "not-an-email");
        await page.FillAsync("input[name=adminPassword]", TestHost.AdminPassword);
        await page.FillAsync("input[name=adminPasswordConfirm]", TestHost.AdminPassword);
        await page.ClickAsync("button[type=submit]");

        // The mistake is named next to its field, and what was typed is still there.
        Assert.Equal("Acme Trading", await page.InputValueAsync("input[name=siteName]"));
        Assert.Contains("e-mail", await page.InnerTextAsync("body"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("true", await page.GetAttributeAsync("input[name=adminEmail]", "aria-invalid"));
        await BrowserFixture.ScreenshotAsync(page, "setup-with-error");

        await page.FillAsync("input[name=adminEmail]", "admin@acme.example");
        await page.FillAsync("input[name=adminPassword]", TestHost.AdminPassword);
        await page.FillAsync("input[name=adminPasswordConfirm]", TestHost.AdminPassword);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForSelectorAsync("text=/is set up/i");
        await BrowserFixture.ScreenshotAsync(page, "setup-done");
        var tenant = await _host.Services.GetRequiredService<TenantRegistry>().FindAsync(TenantInfo.DefaultName, CancellationToken.None);
        Assert.Equal(TenantState.Running, tenant!.State);
        Assert.Matches(new Regex("is set up", RegexOptions.IgnoreCase), await page.InnerTextAsync("body"));
    }
}
