using System.Net;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Leads.Tests;

/// <summary>The admin pages of lead activities and the leads report, and the pipeline widget on the dashboard, as a browser without JavaScript uses them.</summary>
public abstract partial class LeadActivityPagesHttpTests(DatabaseProvider provider, TestClock clock) : SetUpHostTests(provider, clock: clock)
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    private BrowserSession _browser = null!;
    private string _lead = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
        _lead = (await Admin.CreateLeadAsync(LeadsClient.Lead("Ada <Lovelace>"))).Lead.Id();
        _browser = await SignInAdminAsync();
    }

    private string Fragment => $"admin/leads/{_lead}/activities";

    [Fact]
    public async Task The_fragment_answers_htmx_with_the_section_alone_and_a_browser_with_a_full_page()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Fragment);
        request.Headers.Add("HX-Request", "true");
        using var htmx = await _browser.Client.SendAsync(request);
        var fragment = await htmx.Content.ReadAsStringAsync();
        var page = await _browser.GetPageAsync(Fragment);

        Assert.Equal(HttpStatusCode.OK, htmx.StatusCode);
        Assert.StartsWith("<section", fragment.TrimStart());
        Assert.DoesNotContain("<html", fragment);
        Assert.Contains("data-lead-activities", fragment);
        Assert.Contains("<html", page);
        Assert.Contains("Activities of Ada &lt;Lovelace&gt;", page);
        Assert.Contains("id=\"lead-activities\"", page);
        Assert.Contains("value=\"2026-03-10\"", page);
    }

    [Fact]
    public async Task Scheduling_with_bad_input_says_what_is_wrong_next_to_each_field_and_keeps_what_was_typed()
    {
        using var refused = await _browser.PostFormAsync($"{Fragment}?handler=schedule",
            [new("kind", "call"), new("subject", ""), new("dueDate", "2026-02-30"), new("assignedTo", "nobody"), new("notes", "Typed <notes>")], Fragment);
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"activity-subject-error\">A subject is required.</p>", html);
        Assert.Contains("id=\"activity-due-error\">", html);
        Assert.Contains("id=\"activity-assigned-error\">", html);
        Assert.Contains("value=\"2026-02-30\"", html);
        Assert.Contains("value=\"nobody\"", html);
        Assert.Contains("Typed &lt;notes&gt;</textarea>", html);
        Assert.Empty(await Admin.ActivitiesAsync(_lead));
    }

    [Fact]
    public async Task A_scheduled_activity_shows_with_its_state_and_a_done_button_marks_it_done()
    {
        var scheduled = await _browser.PostFormAsync($"{Fragment}?handler=schedule",
            [new("kind", "meeting"), new("subject", "Demo <day>"), new("dueDate", "2026-03-09"), new("assignedTo", ""), new("notes", "")], Fragment);
        var page = await _browser.FollowAsync(scheduled);
        var id = Regex.Match(page, "data-activity=\"(\\d+)\" data-due=\"overdue\"").Groups[1].Value;
        Assert.NotEmpty(id);
        Assert.Contains("Demo &lt;day&gt;", page);
        Assert.Contains(">Overdue</span>", page);

        var request = new HttpRequestMessage(HttpMethod.Post, $"{Fragment}?handler=done")
        {
            Content = new FormUrlEncodedContent([new("activityId", id), new("__RequestVerificationToken", BrowserSession.AntiforgeryToken(page))]),
        };
        request.Headers.Add("HX-Request", "true");
        using var done = await _browser.Client.SendAsync(request);
        var fragment = await done.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains($"data-activity=\"{id}\" data-due=\"done\"", fragment);
        Assert.Contains("Done: Demo &lt;day&gt;.", fragment);
        Assert.True(Assert.Single(await Admin.ActivitiesAsync(_lead)).GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task My_activities_lists_overdue_today_and_upcoming_with_links_to_the_leads()
    {
        await Admin.ScheduleActivityAsync(_lead, new { kind = "call", subject = "Late call", dueDate = "2026-03-01" });
        await Admin.ScheduleActivityAsync(_lead, new { kind = "email", subject = "Mail today", dueDate = "2026-03-10" });
        await Admin.ScheduleActivityAsync(_lead, new { kind = "task", subject = "Later task", dueDate = "2026-04-01" });

        var page = await _browser.GetPageAsync("admin/leads/activities");

        Assert.Contains("data-today>2026-03-10<", page);
        Assert.True(Section(page, "overdue").Contains("Late call") && !Section(page, "overdue").Contains("Mail today"));
        Assert.Contains("Mail today", Section(page, "today"));
        Assert.Contains("Later task", Section(page, "upcoming"));
        Assert.Contains($"href=\"/admin/leads/{_lead}\">Ada &lt;Lovelace&gt;</a>", page);
        Assert.Contains("href=\"/admin/leads/activities\"", page);
        Assert.Contains("href=\"/admin/leads/report\"", page);
    }

    [Fact]
    public async Task A_viewer_sees_activities_without_forms_and_may_not_post_and_others_may_not_look()
    {
        await Host.CreateUserWithTokenAsync(Tenant, "viewer", "Staff");
        await Admin.CreateRoleAsync("Clerks", "AccessAdmin");
        await Host.CreateUserWithTokenAsync(Tenant, "clerk", "Clerks");
        await Admin.ScheduleActivityAsync(_lead, new { kind = "call", subject = "Call", dueDate = "2026-03-10" });
        var viewer = BrowserSession.Open(Host);
        await viewer.SignInOrFailAsync("viewer", TestHost.AdminPassword);

        var page = await viewer.GetPageAsync(Fragment);
        using var post = await viewer.PostFormAsync($"{Fragment}?handler=schedule", [new("kind", "call"), new("subject", "X"), new("dueDate", "2026-03-10")], "admin/leads/report");

        Assert.Contains("Call", page);
        Assert.DoesNotContain("Schedule an activity", page);
        Assert.DoesNotContain(">Done<", page);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Single(await Admin.ActivitiesAsync(_lead));
        Assert.Equal(HttpStatusCode.OK, await viewer.Client.StatusOfAsync("admin/leads/report"));
        Assert.Equal(HttpStatusCode.NotFound, await _browser.Client.StatusOfAsync("admin/leads/missing/activities"));
        var clerk = BrowserSession.Open(Host);
        await clerk.SignInOrFailAsync("clerk", TestHost.AdminPassword);
        foreach (var path in new[] { Fragment, "admin/leads/activities", "admin/leads/report" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, await clerk.Client.StatusOfAsync(path));
        }
        Assert.DoesNotContain("My activities", await clerk.GetPageAsync("admin"));
    }

    [Fact]
    public async Task The_report_page_shows_the_period_figures_and_charts_and_a_bad_date_next_to_its_field()
    {
        await Admin.CreateLeadAsync(LeadsClient.Lead("Bob", extra: new System.Text.Json.Nodes.JsonObject
        {
            ["ExpectedRevenue"] = new System.Text.Json.Nodes.JsonObject { ["Amount"] = "1234.5", ["Currency"] = "EUR" },
        }));

        var page = await _browser.GetPageAsync("admin/leads/report");
        using var bad = await _browser.Client.GetAsync("admin/leads/report?from=2026-02-31&to=2026-03-10");
        var badHtml = await bad.Content.ReadAsStringAsync();

        Assert.Contains("From 2026-02-09 to 2026-03-10", page);
        Assert.Equal(4, Regex.Matches(page, "<canvas data-chart=").Count);
        Assert.Contains("1,234.50 EUR", page);
        Assert.Contains("chart.umd.min.js", page);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"report-from-error\">from &#x27;2026-02-31&#x27; is not a date", badHtml);
        Assert.Contains("value=\"2026-02-31\"", badHtml);
        Assert.Contains("value=\"2026-03-10\"", badHtml);
    }

    [Fact]
    public async Task The_menu_marks_only_the_report_on_the_report_page_though_it_lies_under_the_pipelines_address()
    {
        var page = await _browser.GetPageAsync("admin/leads/report");

        Assert.Equal(["Lead report"], Regex.Matches(page, "aria-current=\"page\">([^<]+)</a>").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task The_dashboard_shows_the_pipeline_by_stage_linking_to_the_report_while_the_feature_is_on()
    {
        await Admin.CreateLeadAsync(LeadsClient.Lead("Bob", stage: "Qualified", extra: new System.Text.Json.Nodes.JsonObject
        {
            ["ExpectedRevenue"] = new System.Text.Json.Nodes.JsonObject { ["Amount"] = "2500", ["Currency"] = "EUR" },
        }));

        var dashboard = await _browser.GetPageAsync("admin");
        var chart = WebUtility.HtmlDecode(Regex.Match(dashboard, "Pipeline by stage</h2>\\s*<div class=\"erp-chart\"><canvas data-chart=\"([^\"]+)\"").Groups[1].Value);
        await Admin.DisableFeaturesAsync(LeadsClient.Feature);
        var without = await _browser.GetPageAsync("admin");

        Assert.Contains("\"labels\":[\"New\",\"Qualified \\u00B7 2,500.00 EUR\",\"Proposition\",\"Negotiation\"]", chart);
        Assert.Contains("{\"name\":\"Open leads\",\"values\":[1,1,0,0]}", chart);
        Assert.Contains("href=\"/admin/leads/report\">Details", dashboard);
        Assert.DoesNotContain("Pipeline by stage", without);
        Assert.Equal(HttpStatusCode.NotFound, await _browser.Client.StatusOfAsync("admin/leads/report"));
        Assert.Equal(HttpStatusCode.NotFound, await _browser.Client.StatusOfAsync("admin/leads/activities"));
    }

    [Fact]
    public async Task The_dashboard_shows_the_pipeline_value_by_stage_a_series_per_currency_with_their_totals()
    {
        await Admin.CreateLeadAsync(LeadsClient.Lead("Bob", stage: "Qualified", extra: Revenue("2500", "EUR")));
        await Admin.CreateLeadAsync(LeadsClient.Lead("Cid", stage: "Qualified", extra: Revenue("500", "EUR")));
        await Admin.CreateLeadAsync(LeadsClient.Lead("Dee", stage: "Negotiation", extra: Revenue("1000", "USD")));

        var dashboard = await _browser.GetPageAsync("admin");

        var widget = Regex.Match(dashboard, "Pipeline value by stage</h2>(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        var chart = WebUtility.HtmlDecode(Regex.Match(widget, "<canvas data-chart=\"([^\"]+)\"").Groups[1].Value);
        Assert.Contains("\"labels\":[\"New\",\"Qualified\",\"Proposition\",\"Negotiation\"]", chart);
        Assert.Contains("{\"name\":\"EUR\",\"values\":[0,3000.00,0,0]}", chart);
        Assert.Contains("{\"name\":\"USD\",\"values\":[0,0,0,1000.00]}", chart);
        Assert.Contains("Expected: 3,000.00 EUR, 1,000.00 USD", WebUtility.HtmlDecode(widget));
    }

    private static System.Text.Json.Nodes.JsonObject Revenue(string amount, string currency) => new()
    {
        ["ExpectedRevenue"] = new System.Text.Json.Nodes.JsonObject { ["Amount"] = amount, ["Currency"] = currency },
    };

    private static string Section(string page, string due) =>
        Regex.Match(page, $"data-section=\"{due}\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
}

public sealed class SqliteLeadActivityPagesHttpTests() : LeadActivityPagesHttpTests(DatabaseProvider.Sqlite, new TestClock(Now));

public sealed class PostgresLeadActivityPagesHttpTests() : LeadActivityPagesHttpTests(DatabaseProvider.Postgres, new TestClock(Now));
