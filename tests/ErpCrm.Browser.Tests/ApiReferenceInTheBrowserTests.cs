using System.Collections.Concurrent;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Browser.Tests;

/// <summary>
/// The API reference (/api/docs) on a closed network: every request that is not to the host is refused, as a network cut off would,
/// and the page still renders the operations, with the real authentication example and no vendor buttons. It asks for nothing
/// outside the host at all (no fonts, scripts or telemetry from a CDN).
/// </summary>
public abstract class ApiReferenceInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task The_reference_renders_the_operations_with_the_network_cut_off_and_asks_nothing_of_other_hosts()
    {
        using (var api = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Administrator")))
        {
            await api.EnableFeaturesAsync("ErpCrm.OpenApi", "ErpCrm.Contacts", "ErpCrm.Leads");
        }
        var page = await OpenPageAsync();
        var outside = new ConcurrentQueue<string>();
        await page.Context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || url.Authority == Host.TenantAddress.Authority)
            {
                await route.ContinueAsync();
                return;
            }
            outside.Enqueue(route.Request.Url);
            await route.AbortAsync("internetdisconnected");
        });

        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue(message.Text);
            }
        };

        await page.GotoAsync("/api/docs");

        try
        {
            // The document of three modules takes the page's script a while to read on a loaded machine.
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ErpCrm API" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            await ScreenshotAsync(page, "api-reference-offline-failed");
            throw new InvalidOperationException($"The reference did not render. Refused: {string.Join(", ", outside)}. Console errors: {string.Join(" | ", errors)}", e);
        }
        // Operations of the kernel and of the modules, by the summaries their endpoints declare.
        await Expect(page.GetByText("The tenant's features and the state's serial (also as ETag)").First).ToBeAttachedAsync();
        // A module's tag opens from the sidebar, as a reader opens it.
        await page.GetByText("Contacts", new() { Exact = true }).First.ClickAsync();
        await Expect(page.GetByText("Creates a company or a person (409 with duplicateOf for a duplicate)").First).ToBeAttachedAsync(new() { Timeout = 15_000 });
        await page.GetByText("Leads", new() { Exact = true }).First.ClickAsync();
        await Expect(page.GetByText("Public: a web form's lead", new() { Exact = false }).First).ToBeAttachedAsync(new() { Timeout = 15_000 });
        // The authentication hint is a command that works: the token verb of the host's command line, or the tokens API.
        await Expect(page.GetByText("tokens create --user admin", new() { Exact = false }).First).ToBeAttachedAsync();
        await ScreenshotAsync(page, "api-reference-offline");

        var advertising = new List<string>();
        foreach (var vendor in new[] { "Powered by Scalar", "Deploy", "Open API Client", "Ask AI", "Share" })
        {
            var shown = page.GetByText(vendor, new() { Exact = true });
            if (await shown.CountAsync() > 0 && await shown.First.IsVisibleAsync())
            {
                advertising.Add($"{vendor}: {await shown.First.EvaluateAsync<string>("e => e.parentElement.outerHTML.slice(0, 400)")}");
            }
        }
        Assert.True(advertising.Count == 0, "The reference shows vendor buttons:\n" + string.Join("\n", advertising));
        // Give late requests (fonts, telemetry) a moment to show up before saying none were made.
        await page.WaitForTimeoutAsync(500);
        Assert.True(outside.IsEmpty, "The reference asked other hosts for:\n" + string.Join("\n", outside.Distinct()));
    }
}

public sealed class SqliteApiReferenceInTheBrowserTests(BrowserFixture browser) : ApiReferenceInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresApiReferenceInTheBrowserTests(BrowserFixture browser) : ApiReferenceInTheBrowserTests(browser, DatabaseProvider.Postgres);
