using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Ledger.Tests;

/// <summary>The entry editor's pickers in Chromium: typing part of a name lists the contact (or the account, in a line added with JavaScript too), Enter picks it, the entry keeps its id and shows its name.</summary>
public abstract class LedgerPickersInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task A_partner_is_picked_by_typing_part_of_its_name_and_the_posted_entry_names_it()
    {
        using (var api = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Administrator")))
        {
            await api.EnableFeaturesAsync(LedgerClient.Feature);
            await api.CreateSmallChartAsync();
            await api.CreateContactAsync(ContactsClient.Company("Acme Trading", "billing@acme.example", customer: true));
            await api.CreateContactAsync(ContactsClient.Company("Globex", "info@globex.example", customer: true));
        }
        var page = await OpenPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(page, "admin", TestHost.AdminPassword);
        await page.GotoAsync("/admin/ledger/entries/new");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync("2026-03-01");
        await page.GetByLabel("Reference").FillAsync("INV-7");
        await LedgerBrowser.PickAsync(page, "Account of line 1", "receiv", "1200 Receivables");
        await page.GetByLabel("Debit of line 1").FillAsync("120");
        await LedgerBrowser.PickAsync(page, "Account of line 2", "4000", "4000 Sales");
        await page.GetByLabel("Credit of line 2").FillAsync("100");

        // A line added without a round trip gets a picker too: part of a name lists the accounts that hold it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a line" }).ClickAsync();
        var account = page.GetByRole(AriaRole.Combobox, new() { Name = "Account of line 3", Exact = true });
        await account.PressSequentiallyAsync("tax");
        var accounts = page.GetByRole(AriaRole.Listbox, new() { Name = "Account of line 3", Exact = true }).GetByRole(AriaRole.Option);
        await Expect(accounts).ToHaveCountAsync(1);
        await Expect(accounts.First).ToContainTextAsync("2100 Sales tax payable");
        await ScreenshotAsync(page, "ledger-account-picker-added-line");
        await account.PressAsync("Enter");
        await Expect(account).ToHaveValueAsync("2100 Sales tax payable");
        await page.GetByLabel("Credit of line 3").FillAsync("20");

        var partner = page.GetByRole(AriaRole.Combobox, new() { Name = "Contact of line 1" });
        await partner.PressSequentiallyAsync("trad");
        var options = page.GetByRole(AriaRole.Listbox, new() { Name = "Contact of line 1" }).GetByRole(AriaRole.Option);
        await Expect(options).ToHaveCountAsync(1);
        await Expect(options.First).ToContainTextAsync("Acme Trading");
        await Expect(partner).ToHaveAttributeAsync("aria-expanded", "true");
        await ScreenshotAsync(page, "ledger-partner-picker");
        await partner.PressAsync("Enter");
        await Expect(partner).ToHaveValueAsync("Acme Trading");
        await Expect(partner).ToHaveAttributeAsync("aria-expanded", "false");
        await ScreenshotAsync(page, "ledger-partner-picked");

        await page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/ledger/entries/\\d+\\?done=posted$"));
        await Expect(page.Locator("#entry-lines").GetByRole(AriaRole.Link, new() { Name = "Acme Trading" })).ToBeVisibleAsync();
        await Expect(page.Locator("#entry-lines tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#entry-lines tbody tr").Nth(2)).ToContainTextAsync("2100");
        await ScreenshotAsync(page, "ledger-partner-posted");
    }
}

public sealed class SqliteLedgerPickersInTheBrowserTests(BrowserFixture browser) : LedgerPickersInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresLedgerPickersInTheBrowserTests(BrowserFixture browser) : LedgerPickersInTheBrowserTests(browser, DatabaseProvider.Postgres);
