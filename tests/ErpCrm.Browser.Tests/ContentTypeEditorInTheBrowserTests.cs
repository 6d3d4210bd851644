using System.Text.RegularExpressions;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Browser.Tests;

/// <summary>The content type editor in Chromium: a type made from the menu, its fields added, reordered with the arrows and saved.</summary>
public abstract class ContentTypeEditorInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task An_admin_creates_a_Supplier_with_a_text_and_a_money_field_reorders_them_saves_and_sees_them_listed()
    {
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Content types" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Content types", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create content type" }).First.ClickAsync();
        await page.GetByLabel("Display name").FillAsync("Supplier");
        // The technical name follows the display name until someone types their own.
        await Expect(page.GetByLabel("Technical name")).ToHaveValueAsync("Supplier");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create content type" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/content-types/edit\\?name=Supplier$"));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Content type Supplier is created." })).ToBeVisibleAsync();
        await AddFieldAsync(page, "Company name", "CompanyName", "TextField");
        await AddFieldAsync(page, "Credit limit", "CreditLimit", "MoneyField");
        var fields = page.GetByRole(AriaRole.Table, new() { Name = "Fields, in the order they are shown" });
        await Expect(FieldNames(fields)).ToHaveTextAsync(["Company name", "Credit limit"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Move Credit limit up" }).ClickAsync();
        await Expect(FieldNames(fields)).ToHaveTextAsync(["Credit limit", "Company name"]);
        await Expect(page.GetByText("Credit limit moved up. Save to keep the new order.")).ToBeVisibleAsync();
        await page.GetByLabel("Draftable").CheckAsync();
        await ScreenshotAsync(page, "content-type-reordered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Content type Supplier is saved." })).ToBeVisibleAsync();
        await Expect(FieldNames(fields)).ToHaveTextAsync(["Credit limit", "Company name"]);
        await Expect(fields.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("MoneyField");
        await Expect(page.GetByLabel("Draftable")).ToBeCheckedAsync();
        await ScreenshotAsync(page, "content-type-saved");

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Content types" }).ClickAsync();
        var supplier = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Supplier", Exact = true }) }).First;
        await Expect(supplier).ToContainTextAsync("Draftable");
        await page.GetByLabel("Search content types and parts").FillAsync("nothing like it");
        await Expect(supplier).ToBeHiddenAsync();
        await page.GetByLabel("Search content types and parts").FillAsync("supp");
        await Expect(supplier).ToBeVisibleAsync();
        await ScreenshotAsync(page, "content-types-list");
    }

    private static async Task AddFieldAsync(IPage page, string displayName, string technicalName, string fieldType)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Add field", Exact = true }).ClickAsync();
        await page.GetByLabel("Display name").FillAsync(displayName);
        await Expect(page.GetByLabel("Technical name")).ToHaveValueAsync(technicalName);
        await page.GetByLabel("Field type").SelectOptionAsync(fieldType);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add field" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Field {displayName} is added" })).ToBeVisibleAsync();
    }

    private static ILocator FieldNames(ILocator table) => table.Locator("tbody tr td:nth-child(2)");
}

public sealed class SqliteContentTypeEditorInTheBrowserTests(BrowserFixture browser) : ContentTypeEditorInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresContentTypeEditorInTheBrowserTests(BrowserFixture browser) : ContentTypeEditorInTheBrowserTests(browser, DatabaseProvider.Postgres);
