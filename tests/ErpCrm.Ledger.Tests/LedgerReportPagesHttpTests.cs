using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;
using static ErpCrm.Testing.LedgerPagesClient;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// The ledger's report pages on a small quarter posted through the API, the tenant's today being 2026-03-10: capital paid into the
/// bank, a sale on credit to Alpha Retail due 2026-01-20 (1000 + 200 tax) and the rent in January, a second sale (500, due
/// 2026-02-10) in February.
/// </summary>
public abstract partial class LedgerReportPagesHttpTests(DatabaseProvider provider, TestClock clock) : SetUpHostTests(provider, clock: clock)
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private BrowserSession _browser = null!;
    private string _customer = "";
    private long _capital, _rent;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
        _customer = (await Admin.CreateContactAsync(ContactsClient.Company("Alpha Retail", customer: true))).Id();
        (_capital, _rent) = await Admin.PostSmallQuarterAsync(_customer);
        _browser = await SignInAdminAsync();
    }

    [Fact]
    public async Task The_trial_balance_shows_each_account_and_equal_totals_and_drills_down_to_the_general_ledger_of_the_same_month()
    {
        var page = await _browser.GetPageAsync("admin/ledger/reports/trial-balance?from=2026-01-01&to=2026-01-31");

        Assert.Equal(
        [
            "1100 | 0.00 | 10,000.00 | 400.00 | 9,600.00",
            "1200 | 0.00 | 1,200.00 | 0.00 | 1,200.00",
            "2100 | 0.00 | 0.00 | 200.00 | -200.00",
            "3000 | 0.00 | 0.00 | 10,000.00 | -10,000.00",
            "4000 | 0.00 | 0.00 | 1,000.00 | -1,000.00",
            "6100 | 0.00 | 400.00 | 0.00 | 400.00",
        ], TrialBalanceRows(page));
        Assert.Matches("<tr class=\"table-light fw-semibold\" data-totals>\\s*<td colspan=\"2\">Total</td>\\s*<td[^>]*data-opening>0.00</td>\\s*<td[^>]*data-debit>11,600.00</td>\\s*<td[^>]*data-credit>11,600.00</td>\\s*<td[^>]*data-closing>0.00</td>", page);
        Assert.Contains("<a href=\"/admin/ledger/reports/general-ledger?account=1100&amp;from=2026-01-01&amp;to=2026-01-31\">1100</a>", page);
        Assert.Contains("aria-current=\"page\">Reports</a>", page);
    }

    [Fact]
    public async Task The_trial_balance_downloads_as_the_same_figures_in_CSV_with_the_page_s_sign_in()
    {
        var page = await _browser.GetPageAsync("admin/ledger/reports/trial-balance?from=2026-01-01&to=2026-01-31");

        var csvUrl = WebUtility.HtmlDecode(Regex.Match(page, "<a class=\"btn btn-outline-primary\" href=\"([^\"]+)\" download data-csv>Download CSV</a>").Groups[1].Value);
        Assert.Equal("/api/ledger/reports/trial-balance?from=2026-01-01&to=2026-01-31&format=csv", csvUrl);
        using var csv = await _browser.Client.GetAsync(csvUrl.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("1100,Bank,asset,0.00,10000.00,400.00,9600.00", text);
        Assert.Contains(",Total,,0.00,11600.00,11600.00,0.00", text);
    }

    [Fact]
    public async Task Without_dates_a_report_shows_the_fiscal_year_up_to_the_tenant_s_today()
    {
        var trial = await _browser.GetPageAsync("admin/ledger/reports/trial-balance");
        var sheet = await _browser.GetPageAsync("admin/ledger/reports/balance-sheet");

        Assert.Equal(("2026-01-01", "2026-03-10"), (BrowserSession.InputValue(trial, "from"), BrowserSession.InputValue(trial, "to")));
        Assert.Contains("From 2026-01-01 to 2026-03-10", trial);
        Assert.Contains("1200 | 0.00 | 1,700.00 | 0.00 | 1,700.00", TrialBalanceRows(trial));
        Assert.Equal("2026-03-10", BrowserSession.InputValue(sheet, "at"));
    }

    [Fact]
    public async Task The_general_ledger_lists_the_lines_with_the_running_balance_and_links_each_to_its_entry()
    {
        var page = await _browser.GetPageAsync("admin/ledger/reports/general-ledger?account=1100&from=2026-01-01&to=2026-01-31");

        Assert.Contains("<h1>General ledger: 1100 Bank</h1>", page);
        Assert.Matches("<tr class=\"table-light fw-semibold\" data-opening>.*?data-balance>0.00</td>", Flat(page));
        Assert.Equal([(_capital, "10,000.00"), (_rent, "9,600.00")], StatementRows(page));
        Assert.Contains($"<a href=\"/admin/ledger/entries/{_capital}\">GEN/2026/0001</a>", page);
        Assert.Contains($"<a href=\"/admin/ledger/entries/{_rent}\">GEN/2026/0002</a>", page);
        Assert.Matches("<tr class=\"table-light fw-semibold\" data-closing>.*?data-debit>10,000.00</td>.*?data-credit>400.00</td>.*?data-balance>9,600.00</td>", Flat(page));
        // The filter keeps the account chosen: its picker holds the code and shows its code and name.
        Assert.Matches("data-picker-text=\"1100 Bank\">\\s*<input[^>]*name=\"account\" value=\"1100\"", page);

        var receivables = await _browser.GetPageAsync("admin/ledger/reports/general-ledger?account=1200&from=2026-01-01&to=2026-03-10");
        Assert.Contains($"<a href=\"/admin/contacts/{_customer}\">Alpha Retail</a>", receivables);
    }

    [Fact]
    public async Task The_profit_and_loss_shows_income_expense_and_the_net_result_and_charts_each_month()
    {
        var page = await _browser.GetPageAsync("admin/ledger/reports/profit-and-loss?from=2026-01-01&to=2026-02-28");

        Assert.Matches("<tr data-account=\"4000\">.*?>Sales</td>.*?data-amount>1,500.00</td>", Flat(page));
        Assert.Matches("<tr class=\"table-light fw-semibold\" data-total=\"income\"><td colspan=\"2\">Total income</td><td[^>]*>1,500.00</td>", page);
        Assert.Matches("<tr class=\"table-light fw-semibold\" data-total=\"expense\"><td colspan=\"2\">Total expense</td><td[^>]*>400.00</td>", page);
        Assert.Matches("<tr class=\"fs-5 fw-semibold\" data-result>\\s*<td colspan=\"2\">Net profit</td>\\s*<td[^>]*>1,100.00</td>", page);
        Assert.Contains("<a href=\"/admin/ledger/reports/general-ledger?account=6100&amp;from=2026-01-01&amp;to=2026-02-28\">6100</a>", page);
        var chart = ChartData(page);
        Assert.Equal("bar", chart.GetProperty("kind").GetString());
        Assert.Equal(["Jan 2026", "Feb 2026"], chart.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["Income 1000 500", "Expense 400 0", "Result 600 500"], chart.GetProperty("series").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString() + " " + string.Join(" ", s.GetProperty("values").EnumerateArray().Select(v => v.GetDecimal().ToString("0.##")))));
        Assert.Contains("/lib/chart.js/chart.umd.min.js", page);
        Assert.Contains("href=\"/api/ledger/reports/profit-and-loss?from=2026-01-01&amp;to=2026-02-28&amp;format=csv\"", page);
    }

    [Fact]
    public async Task The_balance_sheet_shows_that_assets_equal_liabilities_equity_and_the_year_s_result()
    {
        var page = await _browser.GetPageAsync("admin/ledger/reports/balance-sheet?at=2026-02-28");

        Assert.Matches("<tr class=\"table-light fw-semibold\" data-total=\"asset\"><td colspan=\"2\">Total assets</td><td[^>]*>11,300.00</td>", page);
        Assert.Matches("<tr class=\"table-light fw-semibold\" data-total=\"liability\"><td colspan=\"2\">Total liabilities</td><td[^>]*>200.00</td>", page);
        Assert.Matches("<tr class=\"table-light fw-semibold\" data-total=\"equity\"><td colspan=\"2\">Total equity</td><td[^>]*>10,000.00</td>", page);
        Assert.Matches("<tr data-result=\"current\"><td colspan=\"2\">Result of fiscal year 2026</td><td[^>]*>1,100.00</td>", page);
        Assert.Matches("id=\"balance-check\" data-balanced=\"true\">\\s*<strong>The books balance:</strong>\\s*assets <span class=\"font-monospace\">11,300.00</span>\\s*= liabilities, equity and results <span class=\"font-monospace\">11,300.00</span>", page);
        Assert.Contains("<a href=\"/admin/ledger/reports/general-ledger?account=1200&amp;from=2026-01-01&amp;to=2026-02-28\">1200</a>", page);
    }

    [Fact]
    public async Task Aged_receivables_show_the_customer_s_invoices_in_their_buckets_and_link_to_the_customer()
    {
        var page = await _browser.GetPageAsync("admin/ledger/reports/aged-receivables?at=2026-03-10");
        var payables = await _browser.GetPageAsync("admin/ledger/reports/aged-payables?at=2026-03-10");

        var row = Regex.Match(Flat(page), $"<tr data-contact=\"{_customer}\">(.*?)</tr>").Groups[1].Value;
        Assert.Contains($"<a href=\"/admin/contacts/{_customer}\">Alpha Retail</a>", row);
        Assert.Equal(["notDue ", "days1To30 500.00", "days31To60 1,200.00", "days61To90 ", "over90 ", "total 1,700.00"], Buckets(row));
        Assert.Matches("<tr class=\"table-light fw-semibold\" data-totals>.*?data-bucket=\"total\">1,700.00</td>", Flat(page));
        Assert.Equal(["0", "500", "1200", "0", "0"], ChartData(page).GetProperty("series")[0].GetProperty("values").EnumerateArray().Select(v => v.GetDecimal().ToString("0.##")));
        Assert.Contains("<h1>Aged payables</h1>", payables);
        Assert.Contains("Nothing is open at the end of 2026-03-10.", payables);
        Assert.Equal(HttpStatusCode.NotFound, await _browser.Client.StatusOfAsync("admin/ledger/reports/aged-anything"));
    }

    [Fact]
    public async Task A_bad_date_is_said_next_to_its_input_with_what_was_typed_and_no_report()
    {
        using var trial = await _browser.Client.GetAsync("admin/ledger/reports/trial-balance?from=2026-13-01&to=2026-01-31");
        using var sheet = await _browser.Client.GetAsync("admin/ledger/reports/balance-sheet?at=yesterday");
        using var reversed = await _browser.Client.GetAsync("admin/ledger/reports/profit-and-loss?from=2026-02-01&to=2026-01-31");
        using var account = await _browser.Client.GetAsync("admin/ledger/reports/general-ledger?account=9999&from=2026-01-01&to=2026-01-31");

        Assert.Equal(HttpStatusCode.BadRequest, trial.StatusCode);
        var html = await trial.Content.ReadAsStringAsync();
        Assert.Equal("'2026-13-01' is not a date (yyyy-MM-dd).", ErrorText(html, "report-from"));
        Assert.Matches("<input[^>]*id=\"report-from\"[^>]*value=\"2026-13-01\"[^>]*aria-invalid=\"true\"", html);
        Assert.Equal("2026-01-31", BrowserSession.InputValue(html, "to"));
        Assert.DoesNotContain("id=\"trial-balance\"", html);
        Assert.Contains("Correct the dates to see the trial balance.", html);
        Assert.DoesNotContain("data-csv", html);
        Assert.Equal(HttpStatusCode.BadRequest, sheet.StatusCode);
        var sheetHtml = await sheet.Content.ReadAsStringAsync();
        Assert.Equal("'yesterday' is not a date (yyyy-MM-dd).", ErrorText(sheetHtml, "report-at"));
        Assert.Equal("yesterday", BrowserSession.InputValue(sheetHtml, "at"));
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Equal("To is on or after From (2026-02-01).", ErrorText(await reversed.Content.ReadAsStringAsync(), "report-to"));
        Assert.Equal(HttpStatusCode.BadRequest, account.StatusCode);
        Assert.Equal("There is no account '9999'.", ErrorText(await account.Content.ReadAsStringAsync(), "report-account"));
    }

    [Fact]
    public async Task The_reports_index_links_every_report_and_verifies_the_books_when_asked()
    {
        var index = await _browser.GetPageAsync("admin/ledger/reports");
        var verified = await _browser.GetPageAsync("admin/ledger/reports?verify=true");

        foreach (var report in new[] { "trial-balance", "general-ledger", "profit-and-loss", "balance-sheet", "aged-receivables", "aged-payables" })
        {
            Assert.Contains($"<a href=\"/admin/ledger/reports/{report}\">", index);
        }
        Assert.DoesNotContain("data-verify", index);
        Assert.Contains("<div class=\"alert alert-success mt-3 mb-0\" role=\"status\" data-verify=\"ok\">The books are sound: 4 posted entries and 9 lines checked, no problem found.</div>", verified);
        Assert.Contains("aria-current=\"page\">Reports</a>", index);
    }

    [Fact]
    public async Task The_dashboard_charts_the_profit_and_loss_of_the_year_by_month()
    {
        var dashboard = await _browser.GetPageAsync("admin");

        Assert.Contains("Profit and loss this year by month", dashboard);
        Assert.Contains("Net result of fiscal year 2026 so far: 1,100.00 USD", dashboard);
        Assert.Equal(["Jan 2026", "Feb 2026", "Mar 2026"], ChartData(dashboard, "Profit and loss this year by month").GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task Someone_without_ViewLedger_is_refused_every_report_page_and_sees_no_Reports_in_the_menu()
    {
        var staff = await BrowserSession.SignInNewUserAsync(Host, Admin, "staff");
        var reader = await BrowserSession.SignInNewUserAsync(Host, Admin, "reader", "ViewLedger");

        foreach (var path in new[]
        {
            "admin/ledger/reports", "admin/ledger/reports?verify=1", "admin/ledger/reports/trial-balance", "admin/ledger/reports/general-ledger?account=1100",
            "admin/ledger/reports/profit-and-loss", "admin/ledger/reports/balance-sheet", "admin/ledger/reports/aged-receivables", "admin/ledger/reports/aged-payables",
        })
        {
            Assert.Equal(HttpStatusCode.Forbidden, await staff.Client.StatusOfAsync(path));
            Assert.Equal(HttpStatusCode.OK, await reader.Client.StatusOfAsync(path));
        }
        Assert.DoesNotContain(">Reports</a>", await staff.GetPageAsync("admin"));
        Assert.DoesNotContain("Profit and loss this year by month", await staff.GetPageAsync("admin"));
        Assert.Contains(">Reports</a>", await reader.GetPageAsync("admin"));
    }

    /// <summary>The trial balance's rows: account | opening | debit | credit | closing.</summary>
    private static IReadOnlyList<string> TrialBalanceRows(string html) =>
        TrialBalanceRow().Matches(html).Select(m => string.Join(" | ", Enumerable.Range(1, 5).Select(i => m.Groups[i].Value))).ToList();

    /// <summary>The general ledger's lines: entry id and balance after it.</summary>
    private static IReadOnlyList<(long Entry, string Balance)> StatementRows(string html) =>
        StatementRow().Matches(Flat(html)).Select(m => (long.Parse(m.Groups[1].Value), m.Groups[2].Value)).ToList();

    private static IReadOnlyList<string> Buckets(string row) =>
        BucketCell().Matches(row).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").ToList();

    /// <summary>The data of the chart (in the section titled <paramref name="title"/>, else the first chart).</summary>
    private static JsonElement ChartData(string html, string? title = null)
    {
        var from = title is null ? 0 : html.IndexOf(title, StringComparison.Ordinal);
        Assert.True(from >= 0, $"No chart titled {title}");
        var match = ChartCanvas().Match(html, from);
        Assert.True(match.Success, "The page has no chart.");
        return JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value)).RootElement;
    }

    private static string Flat(string html) => html.ReplaceLineEndings(" ");

    [GeneratedRegex("<tr data-account=\"([^\"]+)\">\\s*<td[^>]*><a[^>]*>[^<]*</a></td>\\s*<td>[^<]*</td>\\s*<td[^>]*data-opening>([^<]*)</td>\\s*<td[^>]*data-debit>([^<]*)</td>\\s*<td[^>]*data-credit>([^<]*)</td>\\s*<td[^>]*data-closing>([^<]*)</td>")]
    private static partial Regex TrialBalanceRow();

    [GeneratedRegex("<tr data-entry=\"(\\d+)\">.*?data-balance>([^<]*)</td>")]
    private static partial Regex StatementRow();

    [GeneratedRegex("data-bucket=\"([^\"]+)\">([^<]*)</td>")]
    private static partial Regex BucketCell();

    [GeneratedRegex("<canvas data-chart=\"([^\"]+)\"")]
    private static partial Regex ChartCanvas();
}

public sealed class SqliteLedgerReportPagesHttpTests() : LedgerReportPagesHttpTests(DatabaseProvider.Sqlite, new TestClock(Now));

public sealed class PostgresLedgerReportPagesHttpTests() : LedgerReportPagesHttpTests(DatabaseProvider.Postgres, new TestClock(Now));
