using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Playwright;
using static ErpCrm.Testing.LedgerClient;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// Matching in Chromium: from the aged receivables to a customer's open items, an invoice and a payment ticked with the totals and what
/// stays open updated at once, the match confirmed and shown, then undone after the confirmation dialog.
/// </summary>
public abstract class LedgerMatchingInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task An_invoice_and_a_payment_are_chosen_with_live_totals_matched_and_the_match_undone()
    {
        using (var api = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Administrator")))
        {
            await api.EnableFeaturesAsync(Feature);
            await api.CreateSmallChartAsync();
            var alpha = (await api.CreateContactAsync(ContactsClient.Company("Alpha Retail", customer: true))).Id();
            await api.PostEntryAsync(new
            {
                journal = "SAL", date = "2026-01-05", dueDate = "2026-01-20", reference = "INV-1", post = true,
                lines = new[] { Dr("1200", "1200", alpha), Cr("4000", "1200") },
            });
            await api.PostEntryAsync(new
            {
                journal = "SAL", date = "2026-02-03", dueDate = "2026-02-18", reference = "INV-2", post = true,
                lines = new[] { Dr("1200", "500", alpha), Cr("4000", "500") },
            });
            await api.PostEntryAsync(Entry("GEN", "2026-02-10", "PAY-1", true, Dr("1100", "1000"), Cr("1200", "1000", alpha)));
        }
        var page = await OpenPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(page, "admin", TestHost.AdminPassword);

        await page.GotoAsync("/admin/ledger/reports/aged-receivables?at=2026-03-31");
        await page.GetByRole(AriaRole.Link, new() { Name = "Match the items of Alpha Retail" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Matching: Alpha Retail", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#matching-items tbody tr")).ToHaveCountAsync(3);
        var debits = page.Locator("#match-total-debit");
        var credits = page.Locator("#match-total-credit");
        var outcome = page.Locator("#match-outcome");
        await Expect(outcome).ToHaveTextAsync("Choose at least one debit and one credit.");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Choose SAL/2026/0001 debit" }).CheckAsync();
        await Expect(debits).ToHaveTextAsync("1,200.00");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Choose GEN/2026/0001 credit" }).CheckAsync();
        await Expect(credits).ToHaveTextAsync("1,000.00");
        await Expect(outcome).ToHaveTextAsync("200.00 of the debits stays open.");
        await ScreenshotAsync(page, "ledger-matching-chosen");

        await page.GetByRole(AriaRole.Button, new() { Name = "Match the chosen lines" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/ledger/matching\\?contact=[^&]+&done=matched$"));
        await Expect(page.Locator(".alert[role=status]")).ToHaveTextAsync("The lines are matched.");
        var matched = page.GetByRole(AriaRole.Region, new() { Name = "Matched", Exact = true });
        await Expect(matched).ToContainTextAsync("1,000.00 USD matched on 2026-02-10");
        await Expect(page.Locator("#matching-items tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#matching-items tbody tr").First).ToContainTextAsync("200.00");
        await ScreenshotAsync(page, "ledger-matching-matched");

        await matched.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Undo this match of 1,000.00 USD? Its 2 items are open again.");
        await ScreenshotAsync(page, "ledger-matching-undo-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Undo the match" }).ClickAsync();

        await Expect(page.Locator(".alert[role=status]")).ToHaveTextAsync("The match is undone: its items are open again.");
        await Expect(page.Locator("#matching-items tbody tr")).ToHaveCountAsync(3);
        await Expect(matched).ToContainTextAsync("Nothing of Alpha Retail is matched yet.");
        await ScreenshotAsync(page, "ledger-matching-undone");
    }
}

public sealed class SqliteLedgerMatchingInTheBrowserTests(BrowserFixture browser) : LedgerMatchingInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresLedgerMatchingInTheBrowserTests(BrowserFixture browser) : LedgerMatchingInTheBrowserTests(browser, DatabaseProvider.Postgres);
