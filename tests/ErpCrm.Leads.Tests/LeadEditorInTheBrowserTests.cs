using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Leads.Tests;

/// <summary>The lead editor in Chromium at 1366×768: the stage chosen from the pipeline, the company picked by name, saved; and the contact editor.</summary>
public abstract class LeadEditorInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task A_salesperson_changes_a_leads_stage_and_picks_its_company_by_name_then_saves()
    {
        string lead, acme;
        using (var api = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Administrator")))
        {
            await api.EnableFeaturesAsync(LeadsClient.Feature);
            acme = await api.CreateContactIdAsync(ContactsClient.Company("Acme Trading", "sales@acme.example").WithText("City", "Springfield"));
            lead = (await api.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@example.com", company: "Acme"))).Lead.Id();
        }
        var page = await OpenPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(page, "admin", TestHost.AdminPassword);
        await page.GotoAsync($"/admin/leads/{lead}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Ada Lovelace" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/admin/leads/{lead}/edit$"));

        await page.GetByLabel("Stage", new() { Exact = true }).SelectOptionAsync("Proposition");
        var company = page.GetByRole(AriaRole.Combobox, new() { Name = "Company", Exact = true });
        await company.PressSequentiallyAsync("trad");
        var options = page.Locator("#lead-editor").GetByRole(AriaRole.Listbox).GetByRole(AriaRole.Option);
        await Expect(options).ToHaveCountAsync(1);
        await company.PressAsync("Enter");
        await Expect(company).ToHaveValueAsync("Acme Trading");
        await ScreenshotAsync(page, "lead-editor");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/admin/leads/{lead}$"));
        await Expect(page.Locator("[data-stage]")).ToHaveTextAsync("Proposition");
        await page.GotoAsync($"/admin/leads/{lead}/edit");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Company", Exact = true })).ToHaveValueAsync("Acme Trading");

        await page.GotoAsync($"/admin/contacts/{acme}/edit");
        await Expect(page.GetByLabel("City", new() { Exact = true })).ToHaveValueAsync("Springfield");
        await ScreenshotAsync(page, "contact-editor");
    }
}

public sealed class SqliteLeadEditorInTheBrowserTests(BrowserFixture browser) : LeadEditorInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresLeadEditorInTheBrowserTests(BrowserFixture browser) : LeadEditorInTheBrowserTests(browser, DatabaseProvider.Postgres);
