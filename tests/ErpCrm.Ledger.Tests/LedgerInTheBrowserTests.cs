using System.Text.RegularExpressions;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Ledger.Tests;

/// <summary>The ledger in Chromium: the entry editor picks accounts by code or name (in a line added with JavaScript too), adds up debits and credits while the user types, and posts a balanced entry.</summary>
public abstract class LedgerInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task The_entry_editor_shows_the_totals_and_the_difference_while_typing_and_posts_a_balanced_entry_to_its_page()
    {
        using (var api = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Administrator")))
        {
            await api.EnableFeaturesAsync(LedgerClient.Feature);
            await api.CreateSmallChartAsync();
        }
        var page = await OpenPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await SignInAsync(page, "admin", TestHost.AdminPassword);

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "New entry", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New journal entry", Level = 1 })).ToBeVisibleAsync();
        var debits = page.Locator("#entry-total-debit");
        var credits = page.Locator("#entry-total-credit");
        var difference = page.Locator("#entry-difference");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync("2026-03-01");
        await page.GetByLabel("Reference").FillAsync("Rent for March");

        await LedgerBrowser.PickAsync(page, "Account of line 1", "ren", "6100 Rent");
        await page.GetByLabel("Debit of line 1").FillAsync("1150.5");
        await Expect(debits).ToHaveTextAsync("1,150.50");
        await Expect(difference).ToHaveTextAsync("1,150.50 USD more debit than credit");

        await LedgerBrowser.PickAsync(page, "Account of line 2", "110", "1100 Bank");
        await page.GetByLabel("Credit of line 2").FillAsync("1000");
        await Expect(credits).ToHaveTextAsync("1,000.00");
        await Expect(difference).ToHaveTextAsync("150.50 USD more debit than credit");

        await page.GetByLabel("Credit of line 2").FillAsync("1000.001");
        await Expect(page.GetByText("Some amounts are not numbers yet.")).ToBeVisibleAsync();
        await Expect(credits).ToHaveTextAsync("0.00");
        await page.GetByLabel("Credit of line 2").FillAsync("1000");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a line" }).ClickAsync();
        // The line added without a round trip has a picker too, searching names as well as codes.
        await LedgerBrowser.PickAsync(page, "Account of line 3", "cash", "1000 Cash");
        await ScreenshotAsync(page, "ledger-entry-account-picker");
        await page.GetByLabel("Credit of line 3").FillAsync("200");
        await Expect(difference).ToHaveTextAsync("49.50 USD more credit than debit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a line" }).ClickAsync();
        await page.GetByLabel("Debit of line 4").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove line 4" }).ClickAsync();
        await Expect(page.GetByLabel("Debit of line 4")).ToHaveCountAsync(0);
        await page.GetByLabel("Credit of line 3").FillAsync("150.50");

        await Expect(debits).ToHaveTextAsync("1,150.50");
        await Expect(credits).ToHaveTextAsync("1,150.50");
        await Expect(difference).ToHaveTextAsync("Balanced");
        await Expect(page.GetByText("Some amounts are not numbers yet.")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "ledger-entry-editor");

        await page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/ledger/entries/\\d+\\?done=posted$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Entry GEN/2026/0001", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Entry GEN/2026/0001 is posted.");
        await Expect(page.Locator("#entry-lines tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-total-credit]")).ToHaveTextAsync("1,150.50");
        await ScreenshotAsync(page, "ledger-entry-posted");

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Journal entries", Exact = true }).ClickAsync();
        await Expect(page.Locator("#entry-list tbody tr")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "ledger-entries");
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Chart of accounts", Exact = true }).ClickAsync();
        await Expect(page.Locator("#account-tree tbody tr")).ToHaveCountAsync(14);
        await ScreenshotAsync(page, "ledger-accounts");
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Ledger settings", Exact = true }).ClickAsync();
        await Expect(page.Locator("#year-list [data-year=\"2026\"]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "ledger-settings");
    }
}

public sealed class SqliteLedgerInTheBrowserTests(BrowserFixture browser) : LedgerInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresLedgerInTheBrowserTests(BrowserFixture browser) : LedgerInTheBrowserTests(browser, DatabaseProvider.Postgres);
