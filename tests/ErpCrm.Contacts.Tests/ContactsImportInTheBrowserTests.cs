using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Contacts.Tests;

/// <summary>The contact import page in Chromium: upload, preview with the bad row marked, choose to leave it out, import.</summary>
public abstract class ContactsImportInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task A_file_with_one_bad_row_is_previewed_with_the_row_marked_and_imported_without_it()
    {
        using (var admin = Host.CreateClient())
        {
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Host.CreateTokenAsync(Tenant, "admin"));
            using var enabled = await admin.PostAsync("api/features/ErpCrm.Contacts/enable?force=true", null);
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        }
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);
        await page.GotoAsync("/admin/contacts/import");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import contacts", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("CSV file", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "contacts.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("Type;Name;Email;City\r\nCompany;\"Acme; Inc.\";sales@acme.example;Springfield\r\nCompany;Broken Ltd;not-an-email;\r\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview of contacts.csv" })).ToBeVisibleAsync();
        await Expect(page.Locator("#import-totals")).ToContainTextAsync("1 to create");
        var bad = page.Locator("#import-preview tbody tr.table-danger");
        await Expect(bad).ToHaveCountAsync(1);
        await Expect(bad).ToContainTextAsync("Broken Ltd");
        await Expect(bad).ToContainTextAsync("Email");
        await ScreenshotAsync(page, "contacts-import-preview");

        var confirm = page.Locator("#import-confirm");
        await confirm.GetByLabel("Invalid rows", new() { Exact = true }).SelectOptionAsync("skip");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import done" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Imported contacts.csv" })).ToContainTextAsync("1 created");
        await Expect(page.Locator("#import-preview tbody tr").First).ToContainTextAsync("Acme; Inc.");
        await ScreenshotAsync(page, "contacts-import-done");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/contacts/import$"));
    }
}

public sealed class SqliteContactsImportInTheBrowserTests(BrowserFixture browser) : ContactsImportInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresContactsImportInTheBrowserTests(BrowserFixture browser) : ContactsImportInTheBrowserTests(browser, DatabaseProvider.Postgres);
