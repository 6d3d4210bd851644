using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static ErpCrm.Testing.LeadPagesClient;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Leads.Tests;

/// <summary>Leads in Chromium: a card dragged across the kanban, the new lead form with its errors, and a conversion to contacts.</summary>
public abstract class LeadsInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    /// <summary>Enables Leads and creates leads through the API as an administrator; answers their ids.</summary>
    private async Task<IReadOnlyList<string>> ArrangeAsync(params (string Name, string? Amount, string? Company)[] leads)
    {
        using var api = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Administrator"));
        await api.EnableFeaturesAsync(LeadsClient.Feature);
        var ids = new List<string>();
        foreach (var (name, amount, company) in leads)
        {
            ids.Add((await api.NewLeadAsync(name, extra: Extra(amount), company: company)).Id);
        }
        return ids;
    }

    private static ILocator Column(IPage page, string stage) => page.Locator($"#lead-board [data-stage=\"{stage}\"]");

    [Fact]
    public async Task A_card_dragged_to_another_column_moves_the_lead_updates_the_totals_and_stays_there_after_a_reload()
    {
        var ids = await ArrangeAsync(("Ada Lovelace", "1000.50", "Analytical Engines"), ("Bob Babbage", "250.00", null));
        var page = await OpenPageAsync();
        // Wide enough for every column of the default pipeline, so that no drop target is scrolled out of sight.
        await page.SetViewportSizeAsync(1920, 1000);
        await SignInAsync(page, "admin", TestHost.AdminPassword);

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Pipeline", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pipeline", Level = 1 })).ToBeVisibleAsync();
        await Expect(Column(page, "New").Locator("[data-total]")).ToHaveTextAsync("1,250.50 EUR");
        await Expect(Column(page, "Qualified").Locator("[data-total]")).ToHaveTextAsync("No expected revenue");
        await ScreenshotAsync(page, "leads-kanban");

        await page.Locator($"[data-lead=\"{ids[0]}\"]").DragToAsync(Column(page, "Qualified"));

        await Expect(Column(page, "Qualified").Locator("[data-total]")).ToHaveTextAsync("1,000.50 EUR");
        await Expect(Column(page, "Qualified").Locator("[data-count]")).ToHaveTextAsync("1");
        await Expect(Column(page, "New").Locator("[data-total]")).ToHaveTextAsync("250.00 EUR");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ada Lovelace moved to Qualified.");
        await ScreenshotAsync(page, "leads-kanban-moved");

        await page.Locator($"[data-lead=\"{ids[1]}\"]").DragToAsync(Column(page, "Lost"));

        // Losing needs a reason: the dialog asks for it, and cancelling it leaves the card where it was.
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Mark Bob Babbage lost" });
        await Expect(dialog).ToContainTextAsync("needs a reason");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Column(page, "New").GetByRole(AriaRole.Link, new() { Name = "Bob Babbage" })).ToBeVisibleAsync();
        await Expect(Column(page, "Lost").Locator("[data-count]")).ToHaveTextAsync("0");

        await page.ReloadAsync();
        await Expect(Column(page, "Qualified").GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" })).ToBeVisibleAsync();
        await Expect(Column(page, "New").GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task At_1366_pixels_the_board_scrolls_to_a_lost_stage_off_screen_and_a_card_dropped_there_asks_for_the_reason()
    {
        using var api = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Administrator"));
        await api.EnableFeaturesAsync(LeadsClient.Feature);
        using var stages = await api.PutJsonAsync("api/leads/stages", JsonNode.Parse("""
            {"stages": [{"name": "New", "probability": 10}, {"name": "Qualified", "probability": 20}, {"name": "Demo", "probability": 30},
                        {"name": "Trial", "probability": 40}, {"name": "Proposition", "probability": 60}, {"name": "Negotiation", "probability": 80},
                        {"name": "Won", "isWon": true}, {"name": "Lost", "isLost": true}]}
            """)!);
        Assert.Equal(HttpStatusCode.OK, stages.StatusCode);
        var (ada, _) = await api.NewLeadAsync("Ada Lovelace", "Negotiation", Extra("1000.50"), company: "Analytical Engines");
        var page = await OpenPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(page, "admin", TestHost.AdminPassword);
        await page.GotoAsync("/admin/leads");

        var card = page.Locator($"[data-lead=\"{ada}\"]");
        await Expect(Column(page, "Lost")).Not.ToBeInViewportAsync();
        // The board scrolls within itself: the page is as wide as the window.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        // Each thing once, and no "Move to" form in sight while the cards can be dragged.
        await Expect(card.Locator("p").First).ToHaveTextAsync("Analytical Engines");
        Assert.True((await card.Locator("form").BoundingBoxAsync())!.Width <= 1);
        await ScreenshotAsync(page, "leads-kanban-1366");

        // The keyboard reaches the form, which then shows; moving to Lost with it asks for the reason too, and Cancel moves nothing.
        await card.GetByLabel("Move Ada Lovelace to").FocusAsync();
        Assert.True((await card.Locator("form").BoundingBoxAsync())!.Width > 100);
        await card.GetByLabel("Move Ada Lovelace to").SelectOptionAsync("Lost");
        await card.GetByRole(AriaRole.Button, new() { Name = "Move Ada Lovelace" }).ClickAsync();
        var asked = page.GetByRole(AriaRole.Dialog, new() { Name = "Mark Ada Lovelace lost" });
        await Expect(asked).ToBeVisibleAsync();
        await asked.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(asked).ToBeHiddenAsync();
        await Expect(Column(page, "Negotiation").Locator("[data-count]")).ToHaveTextAsync("1");

        await Column(page, "Lost").ScrollIntoViewIfNeededAsync();
        await Expect(Column(page, "Lost")).ToBeInViewportAsync();
        await Expect(card).ToBeInViewportAsync();
        await card.DragToAsync(Column(page, "Lost"));

        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Mark Ada Lovelace lost" });
        await Expect(dialog).ToContainTextAsync("Moving a lead to Lost needs a reason.");
        await dialog.GetByLabel("Lost reason").FillAsync("Chose the Difference Engine");
        await ScreenshotAsync(page, "leads-kanban-lost-reason");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mark lost" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ada Lovelace moved to Lost.");
        await Expect(Column(page, "Lost").GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" })).ToBeVisibleAsync();
        await Expect(Column(page, "Lost")).ToBeInViewportAsync();
        await Expect(Column(page, "Lost").Locator("[data-count]")).ToHaveTextAsync("1");
        await Expect(dialog).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "leads-kanban-lost");
        var (lead, _) = await api.GetLeadAsync(ada);
        Assert.Equal("Lost", lead.Text("Stage"));
        Assert.Equal("Chose the Difference Engine", lead.Text("LostReason"));
    }

    [Fact]
    public async Task The_new_lead_form_shows_its_errors_keeps_what_was_typed_and_saves_once_they_are_fixed()
    {
        await ArrangeAsync();
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);
        await page.GotoAsync("/admin/leads");
        await page.GetByRole(AriaRole.Link, new() { Name = "New lead" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New lead", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Contact name").FillAsync("Grace Hopper");
        await page.GetByLabel("Company name").FillAsync("Navy Labs");
        await page.GetByLabel("Email").FillAsync("grace-at-navy");
        await page.GetByLabel("Stage").SelectOptionAsync("Proposition");
        await page.GetByLabel("Expected revenue amount").FillAsync("9.999");
        await page.GetByLabel("Expected revenue currency").FillAsync("USD");
        await page.GetByLabel("Probability (%)").FillAsync("150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();

        await Expect(page.Locator("#LeadPart-Email-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#LeadPart-Probability-error")).ToContainTextAsync("100");
        await Expect(page.Locator("#LeadPart-ExpectedRevenue-error")).ToContainTextAsync("decimals");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync("grace-at-navy");
        await Expect(page.GetByLabel("Contact name")).ToHaveValueAsync("Grace Hopper");
        await Expect(page.GetByLabel("Stage")).ToHaveValueAsync("Proposition");
        await Expect(page.GetByLabel("Expected revenue amount")).ToHaveValueAsync("9.999");
        await ScreenshotAsync(page, "lead-form-errors");

        await page.GetByLabel("Email").FillAsync("grace@navy.example");
        await page.GetByLabel("Expected revenue amount").FillAsync("9.99");
        await page.GetByLabel("Probability (%)").FillAsync("70");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Grace Hopper", Level = 1 })).ToBeVisibleAsync();
        var details = page.Locator("#lead-details");
        await Expect(details).ToContainTextAsync("9.99 USD");
        await Expect(details).ToContainTextAsync("Proposition");
        await Expect(details).ToContainTextAsync("70 %");
        await ScreenshotAsync(page, "lead-page");
    }

    [Fact]
    public async Task Converting_a_lead_from_its_page_ends_on_the_customer_360_page_of_the_new_company()
    {
        var ids = await ArrangeAsync(("Ada Lovelace", "5000.00", "Analytical Engines"));
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);
        await page.GotoAsync($"/admin/leads/{ids[0]}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Convert to contacts" }).ClickAsync();

        var converted = page.Locator("#lead-converted");
        await Expect(converted.GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" })).ToBeVisibleAsync();
        await Expect(page.Locator("#lead-history")).ToContainTextAsync("LeadConverted");
        await ScreenshotAsync(page, "lead-converted");
        await converted.GetByRole(AriaRole.Link, new() { Name = "Analytical Engines" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/contacts/[^/]+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Analytical Engines", Level = 1 })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "lead-converted-company");
    }
}

public sealed class SqliteLeadsInTheBrowserTests(BrowserFixture browser) : LeadsInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresLeadsInTheBrowserTests(BrowserFixture browser) : LeadsInTheBrowserTests(browser, DatabaseProvider.Postgres);
