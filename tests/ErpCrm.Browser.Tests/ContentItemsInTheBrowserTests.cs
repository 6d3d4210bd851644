using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Browser.Tests;

/// <summary>Content items in Chromium: an admin creates one from the editor the type's definition makes, edits it, finds it in the list and compares its versions.</summary>
public abstract class ContentItemsInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    private const string TicketPart = """
        {"Name": "Ticket", "ContentPartFieldDefinitionRecords": [
          {"FieldName": "TextField", "Name": "Subject", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Subject", "Position": "0", "Required": true, "Hint": "What it is about"}}},
          {"FieldName": "NumericField", "Name": "Hours", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Hours", "Position": "1"}, "NumericFieldSettings": {"Scale": 1}}},
          {"FieldName": "BooleanField", "Name": "Urgent", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Urgent", "Position": "2"}}},
          {"FieldName": "EnumerationField", "Name": "Stage", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Stage", "Position": "3"},
           "EnumerationFieldSettings": {"Options": ["New", "Open", "Done"]}}}]}
        """;

    private const string TicketType = """
        {"Name": "Ticket", "DisplayName": "Ticket", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true, "Draftable": true, "Versionable": true}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}, {"PartName": "Ticket", "Name": "Ticket"}]}
        """;

    [Fact]
    public async Task An_admin_creates_a_ticket_edits_it_finds_it_in_the_list_and_compares_its_versions()
    {
        await CreateTicketTypeAsync();
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Content items", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Content items", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New Ticket" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New Ticket", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("Printer jam");
        await page.GetByLabel("Subject").FillAsync("Paper stuck");
        await page.GetByLabel("Hours").FillAsync("1.5");
        await page.GetByLabel("Urgent").CheckAsync();
        await page.GetByLabel("Stage").SelectOptionAsync("Open");
        await ScreenshotAsync(page, "content-item-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Printer jam is published." })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ticket: Printer jam", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Urgent")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("Printer jammed again");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Printer jammed again is saved as a draft." })).ToBeVisibleAsync();
        await Expect(page.GetByText("Published, with a newer draft")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "content-item-edited");

        await page.GetByRole(AriaRole.Link, new() { Name = "All Ticket items" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/content/Ticket$"));
        var results = page.Locator("#content-results");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Printer jammed again" })).ToBeVisibleAsync();
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("nothing like it");
        await Expect(results.GetByText("No Ticket items match the search.")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("q=nothing"));
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("jammed");
        // The list is swapped in and the address pushed when the search's answer arrives: a link clicked before that is swapped away.
        await Expect(page).ToHaveURLAsync(new Regex("q=jammed"));
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Printer jammed again" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "content-item-list");

        await results.GetByRole(AriaRole.Link, new() { Name = "Printer jammed again" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Version 1 → version 2" })).ToBeVisibleAsync();
        var changed = page.Locator("#version-diff tr[data-changed]").Filter(new() { HasText = "TitlePart.Title" });
        await Expect(changed).ToContainTextAsync("Printer jam");
        await Expect(changed).ToContainTextAsync("Printer jammed again");
        await Expect(page.Locator("#change-trail")).ToContainTextAsync("Printer jam → Printer jammed again");
        await ScreenshotAsync(page, "content-item-history");
    }

    /// <summary>Creates the Ticket type through the API, as an administrator with a token.</summary>
    private async Task CreateTicketTypeAsync()
    {
        var token = await Host.CreateUserWithTokenAsync(Tenant, "designer", "Administrator");
        using var api = Host.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (path, json) in new[] { ("api/content-parts", TicketPart), ("api/content-types", TicketType) })
        {
            using var response = await api.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}

public sealed class SqliteContentItemsInTheBrowserTests(BrowserFixture browser) : ContentItemsInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresContentItemsInTheBrowserTests(BrowserFixture browser) : ContentItemsInTheBrowserTests(browser, DatabaseProvider.Postgres);
