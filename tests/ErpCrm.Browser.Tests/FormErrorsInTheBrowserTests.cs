using System.Net.Http.Headers;
using System.Text;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Browser.Tests;

/// <summary>A form with three errors in Chromium: each at its field, all three in the summary at the top, whose links focus the fields.</summary>
public abstract class FormErrorsInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    private const string VisitPart = """
        {"Name": "Visit", "ContentPartFieldDefinitionRecords": [
          {"FieldName": "TextField", "Name": "Subject", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Subject", "Position": "0", "Required": true}}},
          {"FieldName": "TextField", "Name": "Customer", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Customer", "Position": "1", "Required": true}}},
          {"FieldName": "TextField", "Name": "Room", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Meeting room", "Position": "2", "Required": true}}}]}
        """;

    private const string VisitType = """
        {"Name": "Visit", "DisplayName": "Visit", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}, {"PartName": "Visit", "Name": "Visit"}]}
        """;

    [Fact]
    public async Task A_form_with_three_errors_shows_them_at_their_fields_and_in_the_summary_whose_links_focus_the_fields()
    {
        var token = await Host.CreateUserWithTokenAsync(Tenant, "designer", "Administrator");
        using (var api = Host.CreateClient())
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            foreach (var (path, json) in new[] { ("api/content-parts", VisitPart), ("api/content-types", VisitType) })
            {
                using var response = await api.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
                Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);

        await page.GotoAsync("/admin/content/Visit/create");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true }).FillAsync("Quarterly review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "3 problems to fix" });
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Subject is required.", "Customer is required.", "Meeting room is required."]);
        foreach (var (label, message) in new[] { ("Subject", "Subject is required."), ("Customer", "Customer is required."), ("Meeting room", "Meeting room is required.") })
        {
            var field = page.GetByLabel(label);
            await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(field).ToHaveAccessibleDescriptionAsync(message);
        }
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true })).ToHaveValueAsync("Quarterly review");
        await ScreenshotAsync(page, "form-three-errors");

        await summary.GetByRole(AriaRole.Link, new() { Name = "Meeting room is required." }).ClickAsync();
        await Expect(page.GetByLabel("Meeting room")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Blue room");
        await summary.GetByRole(AriaRole.Link, new() { Name = "Customer is required." }).ClickAsync();
        await Expect(page.GetByLabel("Customer")).ToBeFocusedAsync();
    }
}

public sealed class SqliteFormErrorsInTheBrowserTests(BrowserFixture browser) : FormErrorsInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresFormErrorsInTheBrowserTests(BrowserFixture browser) : FormErrorsInTheBrowserTests(browser, DatabaseProvider.Postgres);
