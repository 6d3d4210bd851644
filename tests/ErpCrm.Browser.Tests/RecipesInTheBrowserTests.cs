using System.Text.RegularExpressions;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Browser.Tests;

/// <summary>The Recipes page in Chromium: choosing a recipe, confirming it, following its run to the outcome.</summary>
public abstract class RecipesInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task Running_a_recipe_from_the_list_asks_first_then_shows_its_run_and_each_steps_outcome()
    {
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Recipes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recipes", Level = 1 })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "recipes-list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Run Test module" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/recipes/run\\?name=test-module$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Run Test module?", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#recipe-steps")).ToContainTextAsync("Enable: Test.Delta.");
        await ScreenshotAsync(page, "recipe-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run 1 step" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/recipes/progress\\?run="));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "ran: 1 step done" })).ToBeVisibleAsync();
        var row = page.Locator("#recipe-outcome tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("feature");
        await Expect(row).ToContainTextAsync("done");
        await ScreenshotAsync(page, "recipe-outcome");
        // The recipe's feature is on: the next page's menu has its item.
        await page.ReloadAsync();
        await Expect(Menu(page).GetByRole(AriaRole.Link, new() { Name = "Delta page" })).ToBeVisibleAsync();
    }
}

public sealed class SqliteRecipesInTheBrowserTests(BrowserFixture browser) : RecipesInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresRecipesInTheBrowserTests(BrowserFixture browser) : RecipesInTheBrowserTests(browser, DatabaseProvider.Postgres);
