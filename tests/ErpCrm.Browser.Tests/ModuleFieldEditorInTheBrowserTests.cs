using System.Text.RegularExpressions;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Browser.Tests;

/// <summary>A module's field type (the test module's RatingField) in Chromium: its own editor on the item form, its error, and its list filter.</summary>
public abstract class ModuleFieldEditorInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task An_admin_rates_a_review_in_the_modules_editor_is_told_a_rating_out_of_bounds_and_filters_the_list_by_it()
    {
        using (var api = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "designer", "Administrator")))
        {
            await api.EnableFeaturesAsync("Test.Content");
            await api.CreatePartAsync("""
                {"Name": "Review", "ContentPartFieldDefinitionRecords": [{"FieldName": "RatingField", "Name": "Rating",
                  "Settings": {"RatingFieldSettings": {"Minimum": 2, "Maximum": 4}, "ContentIndexSettings": {"Queryable": true}}}]}
                """);
            await api.CreateTypeAsync("""
                {"Name": "Review", "DisplayName": "Review", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
                 "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}, {"PartName": "Review", "Name": "Review"}]}
                """);
        }
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);

        foreach (var (title, stars) in new[] { ("Fine", "2"), ("Great", "9") })
        {
            await page.GotoAsync("/admin/content/Review/create");
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync(title);
            await page.GetByLabel("Rating").FillAsync(stars);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        }
        var rating = page.GetByLabel("Rating");
        await Expect(page.Locator("#f-Review-Rating-field-error")).ToHaveTextAsync("A rating is from 2 to 4 stars.");
        await Expect(rating).ToHaveValueAsync("9");
        await Expect(rating).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenshotAsync(page, "module-field-refused");
        await rating.FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Great is saved." })).ToBeVisibleAsync();

        await page.GotoAsync("/admin/content/Review");
        var results = page.Locator("#content-results");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Fine" })).ToBeVisibleAsync();
        await page.GetByLabel("Rating: at least").SelectOptionAsync("3");
        await Expect(page).ToHaveURLAsync(new Regex("from%5BReview.Rating%5D=3|from\\[Review.Rating\\]=3"));
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Great" })).ToBeVisibleAsync();
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = "Fine" })).ToHaveCountAsync(0);
        await Expect(results).ToContainTextAsync("4 stars");
        await ScreenshotAsync(page, "module-field-filtered");
    }
}

public sealed class SqliteModuleFieldEditorInTheBrowserTests(BrowserFixture browser) : ModuleFieldEditorInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresModuleFieldEditorInTheBrowserTests(BrowserFixture browser) : ModuleFieldEditorInTheBrowserTests(browser, DatabaseProvider.Postgres);
