using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Leads.Tests;

/// <summary>GET /api/leads/report on a known data set: the pipeline now, and what closed in a period of the tenant's days.</summary>
public abstract class LeadReportHttpTests(DatabaseProvider provider, TestClock clock) : SetUpHostTests(provider, clock: clock)
{
    public static readonly DateTimeOffset Start = new(2026, 2, 20, 9, 0, 0, TimeSpan.Zero);

    protected TestClock Clock { get; } = clock;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
    }

    /// <summary>
    /// Won on 1 March 00:00 (Website, sam, 1000 EUR, converted), lost on 31 March 23:59:59 (website, admin, 250.50 EUR), won on
    /// 15 March (Referral, no owner, 300 USD), won on 1 April 00:00 (Referral, sam, 500 EUR); open: two in New (100 EUR, 50 USD)
    /// and two in Qualified (200 EUR, none).
    /// </summary>
    private async Task ArrangeAsync()
    {
        var sam = await (await Host.ClientOfNewUserAsync("sam", "Editor")).MyIdAsync();
        var admin = await Admin.MyIdAsync();
        var a = await LeadAsync("A", "Website", sam, "1000", "EUR");
        var b = await LeadAsync("B", "website", admin, "250.5", "EUR");
        var c = await LeadAsync("C", "Referral", sam, "500", "EUR");
        var d = await LeadAsync("D", "Referral", null, "300", "USD");
        await LeadAsync("E", null, null, "100", "EUR");
        await LeadAsync("F", null, null, "200", "EUR", "Qualified");
        await LeadAsync("G", null, null, null, null, "Qualified");
        await LeadAsync("H", null, null, "50", "USD");
        await At(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), async () =>
        {
            await Move(a, "Won");
            await (await Admin.PostAsync($"api/leads/{a}/convert", null)).ReadJsonAsync(HttpStatusCode.OK);
        });
        await At(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero), () => Move(d, "Won"));
        await At(new DateTimeOffset(2026, 3, 31, 23, 59, 59, TimeSpan.Zero), async () =>
            await (await Admin.PostJsonAsync($"api/leads/{b}/lost", new { reason = "Too expensive" })).ReadJsonAsync(HttpStatusCode.OK));
        await At(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), () => Move(c, "Won"));
    }

    [Fact]
    public async Task The_pipeline_counts_open_leads_and_their_expected_revenue_per_stage_and_currency()
    {
        await ArrangeAsync();

        var stages = (await Admin.LeadReportAsync()).GetProperty("stages").EnumerateArray().ToList();

        Assert.Equal(["New", "Qualified", "Proposition", "Negotiation"], stages.Select(s => s.Text("stage")));
        Assert.Equal([2L, 2, 0, 0], stages.Select(s => s.GetProperty("count").GetInt64()));
        Assert.Equal(["100.00 EUR", "50.00 USD"], Revenue(stages[0], "expectedRevenue"));
        Assert.Equal(["200.00 EUR"], Revenue(stages[1], "expectedRevenue"));
        Assert.Equal(10000, stages[0].GetProperty("expectedRevenue")[0].GetProperty("minorUnits").GetInt64());
        Assert.Empty(Revenue(stages[2], "expectedRevenue"));
    }

    [Fact]
    public async Task A_period_counts_what_closed_from_its_first_day_start_to_its_last_day_end()
    {
        await ArrangeAsync();

        var march = await Admin.LeadReportAsync("from=2026-03-01&to=2026-03-31");
        var fromSecond = await Admin.LeadReportAsync("from=2026-03-02&to=2026-03-31");
        var april = await Admin.LeadReportAsync("from=2026-04-01&to=2026-04-01");

        Assert.Equal("2026-03-01", march.Text("from"));
        Assert.Equal("2026-03-31", march.Text("to"));
        Assert.Equal((2, 1, 0.6667m, 1), Conversion(march));
        Assert.Equal((1, 1, 0.5m, 0), Conversion(fromSecond));
        Assert.Equal((1, 0, 1m, 0), Conversion(april));
    }

    [Fact]
    public async Task Won_and_lost_are_broken_down_by_source_ignoring_case_and_by_owner()
    {
        await ArrangeAsync();

        var march = await Admin.LeadReportAsync("from=2026-03-01&to=2026-03-31");

        var sources = march.GetProperty("bySource").EnumerateArray().ToList();
        Assert.Equal(["Website", "Referral"], sources.Select(s => s.Text("name")));
        Assert.Equal((1L, 1L), (sources[0].GetProperty("won").GetInt64(), sources[0].GetProperty("lost").GetInt64()));
        Assert.Equal(["1,000.00 EUR"], Revenue(sources[0], "wonRevenue"));
        Assert.Equal(["250.50 EUR"], Revenue(sources[0], "lostRevenue"));
        Assert.Equal(["300.00 USD"], Revenue(sources[1], "wonRevenue"));
        var owners = march.GetProperty("byOwner").EnumerateArray().ToDictionary(o => o.Text("name"));
        Assert.Equal(["sam", "(none)", "admin"], march.GetProperty("byOwner").EnumerateArray().Select(o => o.Text("name")));
        Assert.Equal(["1,000.00 EUR"], Revenue(owners["sam"], "wonRevenue"));
        Assert.Equal(1, owners["admin"].GetProperty("lost").GetInt64());
        Assert.Equal(JsonValueKind.Null, owners["(none)"].GetProperty("key").ValueKind);
    }

    [Fact]
    public async Task Without_a_period_the_report_covers_the_last_30_days_of_the_tenant()
    {
        await ArrangeAsync();
        Clock.Now = new DateTimeOffset(2026, 4, 10, 8, 0, 0, TimeSpan.Zero);

        var report = await Admin.LeadReportAsync();

        Assert.Equal("2026-03-12", report.Text("from"));
        Assert.Equal("2026-04-10", report.Text("to"));
        Assert.Equal((2, 1, 0.6667m, 0), Conversion(report));
    }

    [Fact]
    public async Task Bad_dates_and_a_reversed_period_are_refused_naming_the_field()
    {
        var month = await (await Admin.GetAsync("api/leads/report?from=2026-13-01")).AssertFieldsAsync(HttpStatusCode.BadRequest, "from");
        var both = await (await Admin.GetAsync("api/leads/report?from=yesterday&to=31.03.2026")).AssertFieldsAsync(HttpStatusCode.BadRequest, "from", "to");
        var reversed = await (await Admin.GetAsync("api/leads/report?from=2026-03-31&to=2026-03-01")).AssertFieldsAsync(HttpStatusCode.BadRequest, "from");

        Assert.Contains("yyyy-MM-dd", month.Error("from"));
        Assert.Contains("'31.03.2026'", both.Error("to"));
        Assert.Contains("after", reversed.Error("from"));
    }

    [Fact]
    public async Task The_report_needs_ViewLeads()
    {
        var viewer = await Host.ClientOfNewUserAsync("viewer", "Staff");
        var powerless = await Host.ClientOfNewUserAsync("powerless");

        Assert.Equal(HttpStatusCode.OK, await viewer.StatusOfAsync("api/leads/report"));
        Assert.Equal(HttpStatusCode.Forbidden, await powerless.StatusOfAsync("api/leads/report"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Host.CreateClient().StatusOfAsync("api/leads/report"));
    }

    private async Task<string> LeadAsync(string name, string? source, string? owner, string? amount, string? currency, string? stage = null)
    {
        var extra = new JsonObject();
        if (source is not null)
        {
            extra["Source"] = new JsonObject { ["Text"] = source };
        }
        if (owner is not null)
        {
            extra["Owner"] = new JsonObject { ["UserIds"] = new JsonArray(owner) };
        }
        if (amount is not null)
        {
            extra["ExpectedRevenue"] = new JsonObject { ["Amount"] = amount, ["Currency"] = currency };
        }
        return (await Admin.CreateLeadAsync(LeadsClient.Lead(name, company: name + " Ltd", stage: stage, extra: extra))).Lead.Id();
    }

    private async Task Move(string id, string stage) => await (await Admin.PostJsonAsync($"api/leads/{id}/stage", new { stage })).ReadJsonAsync(HttpStatusCode.OK);

    private async Task At(DateTimeOffset when, Func<Task> work)
    {
        Clock.Now = when;
        await work();
    }

    private static (long Won, long Lost, decimal? Rate, long Converted) Conversion(JsonElement report)
    {
        var c = report.GetProperty("conversion");
        return (c.GetProperty("won").GetInt64(), c.GetProperty("lost").GetInt64(),
            c.GetProperty("rate").ValueKind == JsonValueKind.Null ? null : c.GetProperty("rate").GetDecimal(), c.GetProperty("converted").GetInt64());
    }

    private static IReadOnlyList<string> Revenue(JsonElement figures, string property) =>
        figures.GetProperty(property).EnumerateArray().Select(m => m.Text("text")).ToList();
}

public sealed class SqliteLeadReportHttpTests() : LeadReportHttpTests(DatabaseProvider.Sqlite, new TestClock(Start));

public sealed class PostgresLeadReportHttpTests() : LeadReportHttpTests(DatabaseProvider.Postgres, new TestClock(Start));
