using System.Text.RegularExpressions;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static ErpCrm.Testing.LedgerClient;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Ledger.Tests;

/// <summary>The ledger's reports in Chromium: the profit and loss draws its monthly chart, and a trial balance drills down to an account's lines and to an entry.</summary>
public abstract class LedgerReportsInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task The_reports_chart_the_months_and_drill_down_from_the_trial_balance_to_an_account_and_its_entry()
    {
        using (var api = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Administrator")))
        {
            await api.EnableFeaturesAsync(Feature);
            await api.CreateSmallChartAsync();
            var customer = (await api.CreateContactAsync(ContactsClient.Company("Alpha Retail", customer: true))).Id();
            await api.PostSmallQuarterAsync(customer);
            await api.PostEntryAsync(Entry("GEN", "2026-03-10", "Rent March", true, Dr("6100", "900"), Cr("1100", "900")));
        }
        var page = await OpenPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await SignInAsync(page, "admin", TestHost.AdminPassword);

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the books" }).ClickAsync();
        await Expect(page.Locator("[data-verify]")).ToHaveTextAsync(new Regex("The books are sound: 5 posted entries"));
        await ScreenshotAsync(page, "ledger-reports");

        await page.GetByRole(AriaRole.Link, new() { Name = "Profit and loss", Exact = true }).ClickAsync();
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-01-01");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("2026-03-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("[data-result]")).ToContainTextAsync("Net profit");
        await Expect(page.Locator("[data-result] td:last-child")).ToHaveTextAsync("200.00");
        var chart = page.Locator("[data-report-chart=months] canvas");
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "1");
        Assert.True(await chart.EvaluateAsync<bool>("canvas => !!window.Chart.getChart(canvas) && canvas.width > 0 && canvas.height > 0"));
        Assert.Equal(3, await chart.EvaluateAsync<int>("canvas => window.Chart.getChart(canvas).data.labels.length"));
        await ScreenshotAsync(page, "ledger-profit-and-loss");

        await page.GotoAsync("/admin/ledger/reports/trial-balance?from=2026-01-01&to=2026-01-31");
        await Expect(page.Locator("#trial-balance tfoot [data-debit]")).ToHaveTextAsync("11,600.00");
        await ScreenshotAsync(page, "ledger-trial-balance");
        await page.Locator("#trial-balance").GetByRole(AriaRole.Link, new() { Name = "1100", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "General ledger: 1100 Bank", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#general-ledger tfoot [data-balance]")).ToHaveTextAsync("9,600.00");
        await ScreenshotAsync(page, "ledger-general-ledger");
        await page.Locator("#general-ledger").GetByRole(AriaRole.Link, new() { Name = "GEN/2026/0002" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Entry GEN/2026/0002", Level = 1 })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/ledger/entries/\\d+$"));

        await page.GotoAsync("/admin/ledger/reports/balance-sheet?at=2026-03-31");
        await Expect(page.Locator("#balance-check")).ToContainTextAsync("The books balance");
        await ScreenshotAsync(page, "ledger-balance-sheet");
        await page.GotoAsync("/admin/ledger/reports/aged-receivables?at=2026-03-10");
        await Expect(page.Locator("[data-report-chart=buckets] canvas")).ToHaveAttributeAsync("data-drawn", "1");
        await ScreenshotAsync(page, "ledger-aged-receivables");
        await page.GotoAsync("/admin/ledger/reports/trial-balance?from=2026-13-01&to=2026-01-31");
        await Expect(page.Locator("#report-from-error")).ToHaveTextAsync("'2026-13-01' is not a date (yyyy-MM-dd).");
        await ScreenshotAsync(page, "ledger-trial-balance-bad-date");
    }
}

public sealed class SqliteLedgerReportsInTheBrowserTests(BrowserFixture browser) : LedgerReportsInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresLedgerReportsInTheBrowserTests(BrowserFixture browser) : LedgerReportsInTheBrowserTests(browser, DatabaseProvider.Postgres);
