using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Playwright;
using static ErpCrm.Testing.LedgerClient;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Ledger.Tests;

/// <summary>The money on a contact's page in Chromium: the Accounting panel's figures and open items, and the partner ledger it links to.</summary>
public abstract class LedgerContactPanelInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task The_customer_360_page_shows_the_contact_s_money_and_opens_its_partner_ledger()
    {
        string alpha;
        using (var api = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Administrator")))
        {
            await api.EnableFeaturesAsync(Feature);
            await api.CreateSmallChartAsync();
            alpha = (await api.CreateContactAsync(ContactsClient.Company("Alpha Retail", customer: true, supplier: true))).Id();
            await api.PostPartlyPaidInvoiceAsync(alpha);
            await api.PostEntryAsync(Entry("GEN", "2026-02-05", "BILL-7", true, Dr("6100", "250"), Cr("2000", "250", alpha)));
        }
        var page = await OpenPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(page, "admin", TestHost.AdminPassword);

        await page.GotoAsync($"/admin/contacts/{alpha}");
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Accounting" });
        await Expect(panel).ToContainTextAsync("Receivable700.00 USD");
        await Expect(panel).ToContainTextAsync("Overdue receivable700.00 USD");
        await Expect(panel).ToContainTextAsync("Payable250.00 USD");
        await Expect(panel.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Expect(panel.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("700.00");
        await Expect(panel.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Receivable overdue");
        await panel.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "contact-money-panel");
        // The panel's table fits its half of the page at 1366 px: nothing scrolls sideways.
        Assert.True(await panel.Locator(".table-responsive").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"));

        await panel.GetByRole(AriaRole.Link, new() { Name = "Partner ledger (receivables)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aged receivables", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-partner]")).ToContainTextAsync("Of Alpha Retail only.");
        await Expect(page.Locator("#open-items tbody tr")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "contact-partner-ledger");
        await page.Locator("#open-items").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/ledger/entries/\\d+$"));
    }
}

public sealed class SqliteLedgerContactPanelInTheBrowserTests(BrowserFixture browser) : LedgerContactPanelInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresLedgerContactPanelInTheBrowserTests(BrowserFixture browser) : LedgerContactPanelInTheBrowserTests(browser, DatabaseProvider.Postgres);
