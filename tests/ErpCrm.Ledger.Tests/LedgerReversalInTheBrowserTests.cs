using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Ledger.Tests;

/// <summary>Reversing a posted entry in Chromium asks first, naming the entry and the date; cancelling changes nothing.</summary>
public abstract class LedgerReversalInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task Reversing_an_entry_asks_first_with_its_number_and_date_and_posts_the_mirror_only_when_confirmed()
    {
        long id;
        using (var api = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Administrator")))
        {
            await api.EnableFeaturesAsync(LedgerClient.Feature);
            await api.CreateSmallChartAsync();
            id = (await api.PostEntryAsync(new
            {
                journal = "GEN", date = "2026-03-01", reference = "Rent", post = true,
                lines = new[] { LedgerClient.Dr("6100", "100.00"), LedgerClient.Cr("1000", "100.00") },
            })).Id();
        }
        var page = await OpenPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(page, "admin", TestHost.AdminPassword);
        await page.GotoAsync($"/admin/ledger/entries/{id}");
        var question = page.GetByRole(AriaRole.Dialog);

        await page.GetByLabel("Date of the reversal").FillAsync("2026-03-05");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reverse", Exact = true }).ClickAsync();
        await Expect(question).ToContainTextAsync("Reverse entry GEN/2026/0001 on 2026-03-05?");
        await ScreenshotAsync(page, "ledger-reverse-question");
        await question.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(question).ToBeHiddenAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/admin/ledger/entries/{id}$"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Reverse", Exact = true }).ClickAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Reverse the entry" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/ledger/entries/\\d+\\?done=reversal$"));
        await Expect(page.Locator("[data-reversal-of]")).ToHaveTextAsync("Entry GEN/2026/0001");
    }
}

public sealed class SqliteLedgerReversalInTheBrowserTests(BrowserFixture browser) : LedgerReversalInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresLedgerReversalInTheBrowserTests(BrowserFixture browser) : LedgerReversalInTheBrowserTests(browser, DatabaseProvider.Postgres);
