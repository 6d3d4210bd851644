using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Testing;

/// <summary>
/// A browser test class whose every test gets a fresh tenant on a shared host (user <c>admin</c>, password
/// <see cref="TestHost.AdminPassword"/>) and opens its pages in browser contexts of its own, so no cookie is shared.
/// Run it on both engines with one sealed subclass each. A test whose pages break the Content-Security-Policy fails.
/// </summary>
public abstract class AdminBrowserTests(BrowserFixture browser, DatabaseProvider provider) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private HostLease _lease = null!;

    /// <summary>The host, as seen by this test's tenant.</summary>
    protected TestHost Host => _lease.Host;

    /// <summary>The name of this test's tenant.</summary>
    protected string Tenant => Host.Tenant;

    /// <summary>The site name its setup gave the tenant.</summary>
    protected string SiteName => Tenant + " Ltd";

    public async Task InitializeAsync()
    {
        _lease = await SharedHosts.LeaseAsync(provider, outboxSweepInterval: null, configuration: null);
        _lease.Admin.Dispose();
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        await _lease.DisposeAsync();
        browser.AssertNoContentSecurityViolations();
    }

    /// <summary>A page in a new browser context (its own cookies), with relative addresses resolved against the host.</summary>
    protected async Task<IPage> OpenPageAsync()
    {
        var context = await browser.NewContextAsync(Host.TenantAddress);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page as a person does, and waits until the admin has answered.</summary>
    protected static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/login"));
    }

    /// <summary>The side menu of the admin shell.</summary>
    protected static ILocator Menu(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Admin menu" });

    /// <summary>Saves a screenshot named after the engine and the moment.</summary>
    protected Task ScreenshotAsync(IPage page, string moment) =>
        BrowserFixture.ScreenshotAsync(page, $"{provider.ToString().ToLowerInvariant()}-{moment}");
}
