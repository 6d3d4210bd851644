using System.Text.RegularExpressions;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Leads.Tests;

/// <summary>Lead activities and the leads report in Chromium: schedule an activity on a lead's activities, see a refused one's error, mark it done, and see the report's charts.</summary>
public abstract class LeadActivitiesInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task An_admin_schedules_an_activity_on_a_lead_marks_it_done_and_sees_the_report_charts()
    {
        string lead;
        using (var api = Host.ClientWithToken(await Host.CreateTokenAsync(Tenant, "admin")))
        {
            await api.EnableFeaturesAsync(LeadsClient.Feature);
            lead = (await api.CreateLeadAsync(LeadsClient.Lead("Ada Lovelace", "ada@example.com", "Analytical Engines", extra: new()
            {
                ["ExpectedRevenue"] = new System.Text.Json.Nodes.JsonObject { ["Amount"] = "1500", ["Currency"] = "EUR" },
            }))).Lead.Id();
        }
        var page = await OpenPageAsync();
        await SignInAsync(page, "admin", TestHost.AdminPassword);

        await page.GotoAsync($"/admin/leads/{lead}/activities");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Activities of Ada Lovelace", Level = 1 })).ToBeVisibleAsync();
        var activities = page.Locator("section[data-lead-activities]");
        await Expect(activities.GetByText("No activities yet.")).ToBeVisibleAsync();

        // A refused form comes back in place with the error next to the field and what was typed kept.
        await page.GetByLabel("Notes").FillAsync("Ask about the budget");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Expect(page.GetByText("A subject is required.", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Subject")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Notes")).ToHaveValueAsync("Ask about the budget");
        await ScreenshotAsync(page, "lead-activity-refused");

        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Call" });
        await page.GetByLabel("Subject").FillAsync("Call Ada about the offer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        var item = activities.Locator("li[data-activity]").Filter(new() { HasText = "Call Ada about the offer" });
        await Expect(item).ToBeVisibleAsync();
        await Expect(item.GetByText("Today", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Scheduled: Call Ada about the offer." })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Subject")).ToHaveValueAsync("");
        await ScreenshotAsync(page, "lead-activity-scheduled");

        await item.GetByRole(AriaRole.Button, new() { Name = "Done Call Ada about the offer" }).ClickAsync();
        await Expect(item).ToHaveAttributeAsync("data-due", "done");
        await Expect(item.GetByText("Done", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(item.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "lead-activity-done");

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "My activities" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My activities", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Nothing due today.")).ToBeVisibleAsync();

        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Lead report" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/leads/report$"));
        var pipeline = page.GetByRole(AriaRole.Region, new() { Name = "Expected revenue by stage" });
        await Expect(pipeline.Locator("canvas[data-drawn='1']")).ToHaveCountAsync(1);
        var drawn = await pipeline.Locator("canvas").EvaluateAsync<bool>(
            "c => c.width > 0 && c.height > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some(v => v !== 0)");
        Assert.True(drawn, "The pipeline chart's canvas has nothing drawn on it.");
        await pipeline.GetByText("Show as a table").ClickAsync();
        await Expect(pipeline.GetByRole(AriaRole.Row, new() { Name = "New" })).ToContainTextAsync("1500");
        await Expect(page.Locator("canvas[data-drawn='1']")).ToHaveCountAsync(4);
        await ScreenshotAsync(page, "lead-report");
    }
}

public sealed class SqliteLeadActivitiesInTheBrowserTests(BrowserFixture browser) : LeadActivitiesInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresLeadActivitiesInTheBrowserTests(BrowserFixture browser) : LeadActivitiesInTheBrowserTests(browser, DatabaseProvider.Postgres);
