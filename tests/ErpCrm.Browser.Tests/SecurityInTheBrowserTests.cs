using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Browser.Tests;

/// <summary>
/// The Content-Security-Policy and the antiforgery token as Chromium applies them: an inline script does not run (and the shared
/// watch that fails every browser test on such a refusal sees it), the API reference renders under its own stricter-than-nothing
/// policy, and a script of the admin calls the API only with the page's token.
/// </summary>
public abstract class SecurityInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    private readonly BrowserFixture _browser = browser;

    private static bool IsInlineScript(string violation) => violation.Contains("inline script", StringComparison.OrdinalIgnoreCase);

    private async Task<HttpClient> AdminApiAsync() =>
        Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Administrator"));

    [Fact]
    public async Task An_inline_script_on_an_admin_page_is_refused_and_the_refusal_is_reported()
    {
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);

        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.body.appendChild(s); }");

        Assert.Null(await page.EvaluateAsync<bool?>("() => window.injected ?? null"));
        // The console message is an event of its own: wait for it a bounded while.
        var refused = new List<string>();
        for (var attempt = 0; attempt < 50 && !refused.Any(IsInlineScript); attempt++)
        {
            await page.WaitForTimeoutAsync(100);
            refused.AddRange(_browser.TakeContentSecurityViolations());
        }
        Assert.Contains(refused, IsInlineScript);
    }

    [Fact]
    public async Task The_api_reference_renders_its_documents_under_the_policy()
    {
        using (var api = await AdminApiAsync())
        {
            await api.EnableFeaturesAsync("ErpCrm.OpenApi");
        }
        var page = await OpenPageAsync();

        await page.GotoAsync("/api/docs");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ErpCrm API" }).First).ToBeVisibleAsync();
        await Expect(page.GetByText("/api/features").First).ToBeAttachedAsync();
        await ScreenshotAsync(page, "api-reference");
    }

    [Fact]
    public async Task A_script_of_the_admin_calls_the_api_with_the_pages_token_and_without_it_is_refused()
    {
        using (var api = await AdminApiAsync())
        {
            await api.EnableFeaturesAsync("Test.Delta");
        }
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);
        const string Disable = """
            async (withToken) => {
                const meta = document.querySelector('meta[name="erp-antiforgery"]');
                const headers = withToken ? { [meta.dataset.header]: meta.content } : {};
                const response = await fetch('/api/features/Test.Delta/disable', { method: 'POST', headers });
                return response.status;
            }
            """;

        Assert.Equal(400, await page.EvaluateAsync<int>(Disable, false));
        Assert.Equal(200, await page.EvaluateAsync<int>(Disable, true));
    }
}

public sealed class SqliteSecurityInTheBrowserTests(BrowserFixture browser) : SecurityInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresSecurityInTheBrowserTests(BrowserFixture browser) : SecurityInTheBrowserTests(browser, DatabaseProvider.Postgres);
