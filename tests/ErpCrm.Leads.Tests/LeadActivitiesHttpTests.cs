using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Leads.Tests;

/// <summary>Activities scheduled on leads: /api/leads/{id}/activities, done, delete, and "my activities" by the tenant's clock.</summary>
public abstract class LeadActivitiesHttpTests(DatabaseProvider provider, TestClock clock) : SetUpHostTests(provider, clock: clock)
{
    /// <summary>10:00 UTC on 10 March 2026: the tests' "now".</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    protected TestClock Clock { get; } = clock;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
    }

    [Fact]
    public async Task A_scheduled_activity_is_listed_on_its_lead_assigned_to_the_leads_owner()
    {
        var sam = await Host.ClientOfNewUserAsync("sam", "Editor");
        var samId = await sam.MyIdAsync();
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada", extra: new JsonObject { ["Owner"] = new JsonObject { ["UserIds"] = new JsonArray(samId) } }));

        var created = await Admin.ScheduleActivityAsync(lead.Id(), new { kind = "Call", subject = "  Discuss the offer ", notes = "Ask about budget", dueDate = "2026-03-12" });
        var listed = await Admin.ActivitiesAsync(lead.Id());

        var activity = Assert.Single(listed);
        Assert.Equal(created.GetProperty("id").GetInt64(), activity.GetProperty("id").GetInt64());
        Assert.Equal("call", activity.Text("kind"));
        Assert.Equal("Discuss the offer", activity.Text("subject"));
        Assert.Equal("Ask about budget", activity.Text("notes"));
        Assert.Equal("2026-03-12", activity.Text("dueDate"));
        Assert.Equal("upcoming", activity.Text("due"));
        Assert.Equal(samId, activity.Text("assignedToId"));
        Assert.Equal("sam", activity.Text("assignedTo"));
        Assert.False(activity.GetProperty("done").GetBoolean());
        Assert.Equal(Now.UtcDateTime.ToString("O"), activity.Text("createdUtc"));
    }

    [Fact]
    public async Task An_activity_on_a_lead_without_owner_goes_to_the_caller_unless_it_names_a_user()
    {
        var sam = await Host.ClientOfNewUserAsync("sam", "Editor");
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));

        var mine = await sam.ScheduleActivityAsync(lead.Id(), new { kind = "email", subject = "Send the brochure", dueDate = "2026-03-10" });
        var admins = await sam.ScheduleActivityAsync(lead.Id(), new { kind = "task", subject = "Check the contract", dueDate = "2026-03-10", assignedTo = "ADMIN" });

        Assert.Equal(await sam.MyIdAsync(), mine.Text("assignedToId"));
        Assert.Equal(await Admin.MyIdAsync(), admins.Text("assignedToId"));
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_every_field_and_stores_nothing()
    {
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));

        using var bad = await Admin.PostJsonAsync($"api/leads/{lead.Id()}/activities",
            new { kind = "fax", subject = " ", notes = new string('n', 4001), dueDate = "10/03/2026", assignedTo = "nobody" });
        using var noDate = await Admin.PostJsonAsync($"api/leads/{lead.Id()}/activities", new { kind = "call", subject = "Call" });
        using var wrongShape = await Admin.PostAsync($"api/leads/{lead.Id()}/activities", ContentClient.Json("""{"kind": ["call"]}"""));
        using var noLead = await Admin.PostJsonAsync("api/leads/missing/activities", new { kind = "call", subject = "Call", dueDate = "2026-03-10" });

        var problem = await bad.AssertFieldsAsync(HttpStatusCode.BadRequest, "kind", "subject", "notes", "dueDate", "assignedTo");
        Assert.Contains("call, email, meeting, task", problem.Error("kind"));
        Assert.Contains("yyyy-MM-dd", problem.Error("dueDate"));
        Assert.Contains("'nobody'", problem.Error("assignedTo"));
        Assert.Contains("required", (await noDate.AssertFieldsAsync(HttpStatusCode.BadRequest, "dueDate")).Error("dueDate"));
        await wrongShape.AssertFieldsAsync(HttpStatusCode.BadRequest, "kind");
        await noLead.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await Admin.ActivitiesAsync(lead.Id()));
    }

    [Fact]
    public async Task Marking_done_records_when_and_by_whom_once_and_a_done_activity_is_not_deleted()
    {
        var sam = await Host.ClientOfNewUserAsync("sam", "Editor");
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));
        var activity = await Admin.ScheduleActivityAsync(lead.Id(), new { kind = "meeting", subject = "Demo", dueDate = "2026-03-09" });
        var id = activity.GetProperty("id").GetInt64();

        var done = await (await sam.PostAsync($"api/leads/activities/{id}/done", null)).ReadJsonAsync(HttpStatusCode.OK);
        Clock.Now = Now.AddHours(2);
        var again = await (await Admin.PostAsync($"api/leads/activities/{id}/done", null)).ReadJsonAsync(HttpStatusCode.OK);
        using var delete = await Admin.DeleteAsync($"api/leads/activities/{id}");

        Assert.True(done.GetProperty("done").GetBoolean());
        Assert.Equal("done", done.Text("due"));
        Assert.Equal(Now.UtcDateTime.ToString("O"), done.Text("doneUtc"));
        Assert.Equal(await sam.MyIdAsync(), done.Text("doneById"));
        Assert.Equal(done.Text("doneUtc"), again.Text("doneUtc"));
        Assert.Equal(done.Text("doneById"), again.Text("doneById"));
        await delete.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Single(await Admin.ActivitiesAsync(lead.Id()));
    }

    [Fact]
    public async Task An_open_activity_is_deleted_and_unknown_activities_answer_404()
    {
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));
        var activity = await Admin.ScheduleActivityAsync(lead.Id(), new { kind = "task", subject = "Prepare", dueDate = "2026-03-11" });

        using var delete = await Admin.DeleteAsync($"api/leads/activities/{activity.GetProperty("id").GetInt64()}");
        using var deleteAgain = await Admin.DeleteAsync($"api/leads/activities/{activity.GetProperty("id").GetInt64()}");
        using var doneMissing = await Admin.PostAsync("api/leads/activities/999999/done", null);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await deleteAgain.AssertProblemAsync(HttpStatusCode.NotFound);
        await doneMissing.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await Admin.ActivitiesAsync(lead.Id()));
        await (await Admin.GetAsync("api/leads/missing/activities")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task My_activities_are_split_into_overdue_today_and_upcoming_by_the_clock()
    {
        var (ada, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));
        var (bob, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Bob"));
        await Admin.ScheduleActivityAsync(ada.Id(), new { kind = "call", subject = "Yesterday's call", dueDate = "2026-03-09" });
        await Admin.ScheduleActivityAsync(bob.Id(), new { kind = "email", subject = "Today's email", dueDate = "2026-03-10" });
        await Admin.ScheduleActivityAsync(ada.Id(), new { kind = "task", subject = "Tomorrow's task", dueDate = "2026-03-11" });
        var done = await Admin.ScheduleActivityAsync(ada.Id(), new { kind = "task", subject = "Done already", dueDate = "2026-03-01" });
        await (await Admin.PostAsync($"api/leads/activities/{done.GetProperty("id").GetInt64()}/done", null)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Host.ClientOfNewUserAsync("sam", "Editor")).ScheduleActivityAsync(bob.Id(), new { kind = "call", subject = "Sam's own", dueDate = "2026-03-10" });

        var all = await Admin.MineAsync("");
        Assert.Equal("2026-03-10", all.Text("today"));
        Assert.Equal(["Yesterday's call", "Today's email", "Tomorrow's task"], Subjects(all));
        Assert.Equal(["overdue", "today", "upcoming"], all.GetProperty("items").EnumerateArray().Select(a => a.Text("due")));
        Assert.Equal(["Ada", "Bob", "Ada"], all.GetProperty("items").EnumerateArray().Select(a => a.Text("leadName")));
        Assert.Equal(["Yesterday's call"], Subjects(await Admin.MineAsync("overdue")));
        Assert.Equal(["Today's email"], Subjects(await Admin.MineAsync("today")));
        Assert.Equal(["Tomorrow's task"], Subjects(await Admin.MineAsync("upcoming")));

        Clock.Now = Now.AddDays(1);

        Assert.Equal(["Yesterday's call", "Today's email"], Subjects(await Admin.MineAsync("overdue")));
        Assert.Equal(["Tomorrow's task"], Subjects(await Admin.MineAsync("today")));
        await (await Admin.GetAsync("api/leads/activities/mine?due=someday")).AssertFieldsAsync(HttpStatusCode.BadRequest, "due");
    }

    [Fact]
    public async Task Today_is_the_tenants_day_in_its_time_zone()
    {
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));
        await Admin.ScheduleActivityAsync(lead.Id(), new { kind = "call", subject = "Morning call", dueDate = "2026-03-11" });
        Clock.Now = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(["Morning call"], Subjects(await Admin.MineAsync("upcoming")));
        // Auckland is 13 hours ahead in March: it is already the 11th there.
        await Admin.RunRecipeOrFailAsync("""{"name": "zone", "steps": [{"name": "settings", "TimeZoneId": "Pacific/Auckland"}]}""");

        var mine = await Admin.MineAsync("today");
        Assert.Equal("2026-03-11", mine.Text("today"));
        Assert.Equal(["Morning call"], Subjects(mine));
    }

    [Fact]
    public async Task Viewing_needs_ViewLeads_and_scheduling_marking_done_and_deleting_need_ManageLeads()
    {
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ada"));
        var activity = await Admin.ScheduleActivityAsync(lead.Id(), new { kind = "call", subject = "Call", dueDate = "2026-03-10" });
        var id = activity.GetProperty("id").GetInt64();
        var viewer = await Host.ClientOfNewUserAsync("viewer", "Staff");
        var powerless = await Host.ClientOfNewUserAsync("powerless");
        var anonymous = Host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await viewer.StatusOfAsync($"api/leads/{lead.Id()}/activities"));
        Assert.Equal(HttpStatusCode.OK, await viewer.StatusOfAsync("api/leads/activities/mine"));
        Assert.Equal(HttpStatusCode.Forbidden, await powerless.StatusOfAsync($"api/leads/{lead.Id()}/activities"));
        Assert.Equal(HttpStatusCode.Forbidden, await powerless.StatusOfAsync("api/leads/activities/mine"));
        Assert.Equal(HttpStatusCode.Unauthorized, await anonymous.StatusOfAsync("api/leads/activities/mine"));
        using var schedule = await viewer.PostJsonAsync($"api/leads/{lead.Id()}/activities", new { kind = "call", subject = "Call", dueDate = "2026-03-10" });
        using var done = await viewer.PostAsync($"api/leads/activities/{id}/done", null);
        using var delete = await viewer.DeleteAsync($"api/leads/activities/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, schedule.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, done.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        var still = Assert.Single(await Admin.ActivitiesAsync(lead.Id()));
        Assert.False(still.GetProperty("done").GetBoolean());
    }

    private static IReadOnlyList<string> Subjects(JsonElement mine) => mine.GetProperty("items").EnumerateArray().Select(a => a.Text("subject")).ToList();
}

public sealed class SqliteLeadActivitiesHttpTests() : LeadActivitiesHttpTests(DatabaseProvider.Sqlite, new TestClock(Now));

public sealed class PostgresLeadActivitiesHttpTests() : LeadActivitiesHttpTests(DatabaseProvider.Postgres, new TestClock(Now));
