using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;
using static ErpCrm.Testing.LedgerPagesClient;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Days at the calendar's ends (year 9999, year 1) made the ledger's and the reports' date arithmetic throw (500). A day outside
/// 1900-01-01..2999-12-31 is refused where it is given, naming the field, in the API and on the admin pages (the text typed kept).
/// </summary>
public abstract class DateEdgesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string Range = "from 1900-01-01 to 2999-12-31";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature, LeadsClient.Feature);
        await Admin.CreateSmallChartAsync();
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task An_entry_dated_at_either_end_of_the_calendar_is_refused_naming_each_date(string day)
    {
        using var entry = await Admin.PostJsonAsync("api/ledger/entries",
            new { journal = "GEN", date = day, dueDate = day, reference = "edge", post = true, lines = new[] { Dr("1000", "5"), Cr("4000", "5") } });
        using var batch = await Admin.PostJsonAsync("api/ledger/entries/batch",
            new { entries = new[] { Entry("GEN", "2026-01-15", "fine", true, Dr("1000", "5"), Cr("4000", "5")), Entry("GEN", day, "edge", true, Dr("1000", "5"), Cr("4000", "5")) } });
        var posted = await Admin.PostEntryAsync(Entry("GEN", "2026-01-15", "to reverse", true, Dr("1000", "5"), Cr("4000", "5")));
        using var reversal = await Admin.PostJsonAsync($"api/ledger/entries/{posted.Id()}/reverse", new { date = day });

        Assert.Contains(Range, (await entry.AssertFieldsAsync(HttpStatusCode.BadRequest, "date", "dueDate")).Error("date"));
        Assert.Contains(Range, (await batch.AssertFieldsAsync(HttpStatusCode.BadRequest, "entries[1].date")).Error("entries[1].date"));
        Assert.Contains(Range, (await reversal.AssertFieldsAsync(HttpStatusCode.BadRequest, "date")).Error("date"));
        Assert.Equal(1, (await Admin.GetLedgerJsonAsync("api/ledger/entries")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Fiscal_years_lock_dates_and_exchange_rates_in_year_9999_are_refused_naming_the_field()
    {
        using var year = await Admin.PostJsonAsync("api/ledger/fiscal-years", new { name = "9999", start = "9999-01-01", end = "9999-12-31" });
        using var lockDate = await Admin.PutJsonAsync("api/ledger/settings", new JsonObject { ["lockDate"] = "9999-12-31" });
        using var currency = await Admin.PostJsonAsync("api/ledger/currencies", new { code = "EUR" });
        using var rate = await Admin.PostJsonAsync("api/ledger/exchange-rates", new { currency = "EUR", date = "0001-01-01", rate = "0.9" });

        Assert.Contains(Range, (await year.AssertFieldsAsync(HttpStatusCode.BadRequest, "start", "end")).Error("end"));
        Assert.Contains(Range, (await lockDate.AssertFieldsAsync(HttpStatusCode.BadRequest, "lockDate")).Error("lockDate"));
        Assert.Contains(Range, (await rate.AssertFieldsAsync(HttpStatusCode.BadRequest, "date")).Error("date"));
        Assert.Empty((await Admin.GetLedgerJsonAsync("api/ledger/fiscal-years")).EnumerateArray());
    }

    [Theory]
    [InlineData("api/ledger/reports/trial-balance?from=9999-01-01&to=9999-12-31", "from", "to")]
    [InlineData("api/ledger/reports/general-ledger?account=1000&from=2026-01-01&to=9999-12-31", "to")]
    [InlineData("api/ledger/reports/profit-and-loss?from=0001-01-01&to=2026-12-31", "from")]
    [InlineData("api/ledger/reports/balance-sheet?at=9999-12-31", "at")]
    [InlineData("api/ledger/reports/aged-receivables?at=9999-12-31", "at")]
    [InlineData("api/ledger/reports/aged-payables?at=0001-01-01", "at")]
    [InlineData("api/ledger/entries?from=0001-01-01&to=9999-12-31", "from", "to")]
    [InlineData("api/leads/report?from=2026-01-01&to=9999-12-31", "to")]
    public async Task A_report_over_a_day_at_either_end_of_the_calendar_is_refused_naming_the_parameter(string query, params string[] fields)
    {
        await Admin.PostEntryAsync(Entry("GEN", "2026-01-15", "something to report", true, Dr("1000", "5"), Cr("4000", "5")));

        var problem = await (await Admin.GetAsync(query)).AssertFieldsAsync(HttpStatusCode.BadRequest, fields);

        Assert.All(fields, field => Assert.Contains(Range, problem.Error(field)));
    }

    [Fact]
    public async Task A_lead_activity_due_in_year_9999_is_refused_naming_the_due_date()
    {
        var (lead, _) = await Admin.CreateLeadAsync(LeadsClient.Lead("Ann"));

        using var scheduled = await Admin.PostJsonAsync($"api/leads/{lead["ContentItemId"]}/activities", new { kind = "call", subject = "Call", dueDate = "9999-12-31" });

        Assert.Contains(Range, (await scheduled.AssertFieldsAsync(HttpStatusCode.BadRequest, "dueDate")).Error("dueDate"));
    }

    [Fact]
    public async Task The_admin_pages_show_a_day_outside_the_range_at_its_field_and_keep_what_was_typed()
    {
        var browser = await SignInAdminAsync();

        using var entry = await browser.PostFormAsync(NewEntry, EntryForm("post", "9999-12-31", "Far", L("6100", debit: "10"), L("1100", credit: "10")));
        using var year = await browser.PostFormAsync("admin/ledger/settings?handler=year",
            [new("name", "9999"), new("start", "9999-01-01"), new("end", "9999-12-31")], "admin/ledger/settings");
        using var report = await browser.Client.GetAsync("admin/ledger/reports/balance-sheet?at=9999-12-31");
        using var audit = await browser.Client.GetAsync("admin/audit?from=2026-01-01&to=9999-12-31");

        var entryHtml = await ReadAsync(entry, HttpStatusCode.BadRequest);
        Assert.Contains(Range, ErrorText(entryHtml, "entry-date"));
        Assert.Contains("value=\"9999-12-31\"", entryHtml);
        var yearHtml = await ReadAsync(year, HttpStatusCode.BadRequest);
        Assert.Contains(Range, ErrorText(yearHtml, "year-start"));
        Assert.Equal("9999-12-31", BrowserSession.InputValue(yearHtml, "end"));
        var reportHtml = await ReadAsync(report, HttpStatusCode.BadRequest);
        Assert.Contains(Range, ErrorText(reportHtml, "report-at"));
        Assert.Equal("9999-12-31", BrowserSession.InputValue(reportHtml, "at"));
        var auditHtml = await ReadAsync(audit, HttpStatusCode.BadRequest);
        Assert.Contains($"id=\"to-error\">The day must be {Range}", auditHtml);
        Assert.Equal(0, (await Admin.GetLedgerJsonAsync("api/ledger/entries")).GetProperty("total").GetInt64());
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        return html;
    }
}

public sealed class SqliteDateEdgesHttpTests() : DateEdgesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresDateEdgesHttpTests() : DateEdgesHttpTests(DatabaseProvider.Postgres);
