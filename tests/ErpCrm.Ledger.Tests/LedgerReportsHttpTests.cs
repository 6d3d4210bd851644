using System.Net;
using System.Text;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// The ledger's reports and audit over HTTP, on a textbook month: capital and a bank fee at the end of 2025, then in January 2026 a
/// sale on credit (1000 + 200 tax), a purchase on credit (300 + 60 tax), the customer's payment, the supplier's payment and a
/// month's depreciation.
/// </summary>
public abstract class LedgerReportsHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private string _customer = "", _supplier = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(LedgerClient.Feature);
    }

    private async Task ChartAsync()
    {
        await Admin.CreateAccountsAsync(
            ("1000", "Bank", "asset", "bank"), ("1100", "Receivables", "asset", "receivable"), ("1500", "Equipment", "asset", "fixed_asset"),
            ("1510", "Accumulated depreciation", "asset", "depreciation"), ("2000", "Payables", "liability", "payable"), ("2100", "VAT", "liability", "tax"),
            ("3000", "Capital", "equity", "equity"), ("3900", "Retained earnings", "equity", "retained_earnings"), ("4000", "Sales", "income", "revenue"),
            ("6000", "Supplies", "expense", "operating_expense"), ("6100", "Depreciation", "expense", "depreciation"));
        _customer = (await Admin.CreateContactAsync(ContactsClient.Company("Alpha Retail", customer: true))).Id();
        _supplier = (await Admin.CreateContactAsync(ContactsClient.Company("Beta Supplies", supplier: true))).Id();
    }

    private async Task TextbookMonthAsync()
    {
        await ChartAsync();
        await PostAsync("GEN", "2025-12-31", "Capital", Debit("1500", "3000"), Debit("1000", "5000"), Credit("3000", "8000"));
        await PostAsync("GEN", "2025-12-31", "Bank fees", Debit("6000", "100"), Credit("1000", "100"));
        await PostAsync("SAL", "2026-01-05", "INV-1", Debit("1100", "1200", _customer), Credit("4000", "1000"), Credit("2100", "200"));
        await PostAsync("PUR", "2026-01-10", "BILL-1", Debit("6000", "300"), Debit("2100", "60"), Credit("2000", "360", _supplier));
        await PostAsync("BNK", "2026-01-20", "Receipt INV-1", Debit("1000", "1200"), Credit("1100", "1200", _customer));
        await PostAsync("BNK", "2026-01-25", "Payment BILL-1", Debit("2000", "360", _supplier), Credit("1000", "360"));
        await PostAsync("GEN", "2026-01-31", "Depreciation", Debit("6100", "50"), Credit("1510", "50"));
    }

    [Fact]
    public async Task The_trial_balance_of_a_month_shows_opening_movements_and_closing_per_account_and_equal_totals()
    {
        await TextbookMonthAsync();

        var report = await Report("trial-balance?from=2026-01-01&to=2026-01-31");

        Assert.Equal(
        [
            "1000 Bank 4900.00 1200.00 360.00 5740.00",
            "1100 Receivables 0.00 1200.00 1200.00 0.00",
            "1500 Equipment 3000.00 0.00 0.00 3000.00",
            "1510 Accumulated depreciation 0.00 0.00 50.00 -50.00",
            "2000 Payables 0.00 360.00 360.00 0.00",
            "2100 VAT 0.00 60.00 200.00 -140.00",
            "3000 Capital -8000.00 0.00 0.00 -8000.00",
            "4000 Sales 0.00 0.00 1000.00 -1000.00",
            "6000 Supplies 100.00 300.00 0.00 400.00",
            "6100 Depreciation 0.00 50.00 0.00 50.00",
        ], report.GetProperty("lines").EnumerateArray().Select(l => string.Join(' ', l.Text("account"), l.Text("name"), l.Text("opening"), l.Text("debit"), l.Text("credit"), l.Text("closing"))));
        Assert.Equal(("3170.00", "3170.00"), (report.GetProperty("totals").Text("debit"), report.GetProperty("totals").Text("credit")));
        Assert.Equal("USD", report.Text("currency"));
    }

    [Fact]
    public async Task Accounts_without_a_balance_or_a_movement_are_left_out_of_the_trial_balance()
    {
        await TextbookMonthAsync();
        await Admin.CreateAccountsAsync(("6200", "Travel", "expense", "operating_expense"));

        var december = await Report("trial-balance?from=2025-12-01&to=2025-12-31");

        Assert.Equal(["1000", "1500", "3000", "6000"], december.GetProperty("lines").EnumerateArray().Select(l => l.Text("account")));
        Assert.Equal("4900.00", december.GetProperty("lines")[0].Text("closing"));
    }

    [Fact]
    public async Task The_trial_balance_downloads_as_csv_with_invariant_amounts()
    {
        await TextbookMonthAsync();

        using var response = await Admin.GetAsync("api/ledger/reports/trial-balance?from=2026-01-01&to=2026-01-31&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("trial-balance-2026-01-01-to-2026-01-31.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("account,name,type,opening,debit,credit,closing", lines[0]);
        Assert.Equal("1000,Bank,asset,4900.00,1200.00,360.00,5740.00", lines[1]);
        Assert.Equal("1510,Accumulated depreciation,asset,0.00,0.00,50.00,-50.00", lines[4]);
        Assert.Equal(",Total,,0.00,3170.00,3170.00,0.00", lines[^1]);
        Assert.Equal(12, lines.Length);
    }

    [Fact]
    public async Task The_profit_and_loss_shows_income_and_expense_by_account_the_net_result_and_each_month()
    {
        await TextbookMonthAsync();

        var january = await Report("profit-and-loss?from=2026-01-01&to=2026-01-31");
        var both = await Report("profit-and-loss?from=2025-12-01&to=2026-02-28");

        Assert.Equal(["4000 Sales 1000.00"], Accounts(january.GetProperty("income")));
        Assert.Equal(["6000 Supplies 300.00", "6100 Depreciation 50.00"], Accounts(january.GetProperty("expense")));
        Assert.Equal(("1000.00", "350.00", "650.00"), (january.GetProperty("income").Text("total"), january.GetProperty("expense").Text("total"), january.Text("result")));
        Assert.Equal(["2026-01 1000.00 350.00 650.00"], Months(january));
        Assert.Equal("550.00", both.Text("result"));
        Assert.Equal(["2025-12 0.00 100.00 -100.00", "2026-01 1000.00 350.00 650.00", "2026-02 0.00 0.00 0.00"], Months(both));
    }

    [Fact]
    public async Task The_balance_sheet_balances_with_the_current_years_result_and_that_of_earlier_years_not_closed()
    {
        await TextbookMonthAsync();

        var sheet = await Report("balance-sheet?at=2026-01-31");

        Assert.Equal(["1000 Bank 5740.00", "1500 Equipment 3000.00", "1510 Accumulated depreciation -50.00"], Accounts(sheet.GetProperty("assets")));
        Assert.Equal(["2100 VAT 140.00"], Accounts(sheet.GetProperty("liabilities")));
        Assert.Equal(["3000 Capital 8000.00"], Accounts(sheet.GetProperty("equity")));
        Assert.Equal(("650.00", "-100.00"), (sheet.Text("currentYearResult"), sheet.Text("earlierYearsResult")));
        Assert.Equal(("8690.00", "8690.00"), (sheet.GetProperty("totals").Text("assets"), sheet.GetProperty("totals").Text("liabilitiesAndEquity")));
        Assert.True(sheet.GetProperty("balanced").GetBoolean());
        Assert.Equal("2026", sheet.GetProperty("fiscalYear").Text("name"));
    }

    [Fact]
    public async Task The_balance_sheet_at_an_earlier_date_counts_only_what_was_posted_until_then()
    {
        await TextbookMonthAsync();

        var sheet = await Report("balance-sheet?at=2026-01-10");

        Assert.Equal(["1000 Bank 4900.00", "1100 Receivables 1200.00", "1500 Equipment 3000.00"], Accounts(sheet.GetProperty("assets")));
        Assert.Equal(["2000 Payables 360.00", "2100 VAT 140.00"], Accounts(sheet.GetProperty("liabilities")));
        Assert.Equal(("700.00", "-100.00"), (sheet.Text("currentYearResult"), sheet.Text("earlierYearsResult")));
        Assert.Equal("9100.00", sheet.GetProperty("totals").Text("assets"));
        Assert.True(sheet.GetProperty("balanced").GetBoolean());
    }

    [Fact]
    public async Task After_a_year_end_close_the_years_profit_and_loss_stands_and_the_balance_sheet_carries_it_in_retained_earnings()
    {
        await TextbookMonthAsync();
        await CloseYearAsync("2025");

        var profitAndLoss = await Report("profit-and-loss?from=2025-01-01&to=2025-12-31");
        var postClosing = await Report("trial-balance?from=2025-12-01&to=2025-12-31");
        var january = await Report("trial-balance?from=2026-01-01&to=2026-01-31");
        var sheet = await Report("balance-sheet?at=2026-01-31");

        Assert.Equal(("100.00", "-100.00"), (profitAndLoss.GetProperty("expense").Text("total"), profitAndLoss.Text("result")));
        var december = postClosing.GetProperty("lines").EnumerateArray().ToDictionary(l => l.Text("account"));
        Assert.Equal(("100.00", "100.00", "0.00"), (december["6000"].Text("debit"), december["6000"].Text("credit"), december["6000"].Text("closing")));
        Assert.Equal("100.00", december["3900"].Text("closing"));
        var opening = january.GetProperty("lines").EnumerateArray().ToDictionary(l => l.Text("account"), l => l.Text("opening"));
        Assert.Equal(("0.00", "100.00"), (opening["6000"], opening["3900"]));
        Assert.Equal(["3000 Capital 8000.00", "3900 Retained earnings -100.00"], Accounts(sheet.GetProperty("equity")));
        Assert.Equal(("650.00", "0.00"), (sheet.Text("currentYearResult"), sheet.Text("earlierYearsResult")));
        Assert.Equal(("8690.00", "8690.00"), (sheet.GetProperty("totals").Text("assets"), sheet.GetProperty("totals").Text("liabilitiesAndEquity")));
        Assert.True(sheet.GetProperty("balanced").GetBoolean());
        Assert.True((await Admin.GetLedgerJsonAsync("api/ledger/verify")).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task A_balance_sheet_at_the_last_day_of_a_closed_year_shows_its_result_in_retained_earnings_only()
    {
        await TextbookMonthAsync();
        await CloseYearAsync("2025");

        var sheet = await Report("balance-sheet?at=2025-12-31");

        Assert.Equal(["3000 Capital 8000.00", "3900 Retained earnings -100.00"], Accounts(sheet.GetProperty("equity")));
        Assert.Equal(("0.00", "0.00"), (sheet.Text("currentYearResult"), sheet.Text("earlierYearsResult")));
        Assert.Equal(("7900.00", "7900.00"), (sheet.GetProperty("totals").Text("assets"), sheet.GetProperty("totals").Text("liabilitiesAndEquity")));
    }

    [Fact]
    public async Task The_general_ledger_lists_an_accounts_posted_lines_with_a_running_balance_from_the_opening()
    {
        await TextbookMonthAsync();

        var bank = await Report("general-ledger?account=1000&from=2026-01-01&to=2026-01-31");

        Assert.Equal("4900.00", bank.Text("opening"));
        Assert.Equal(
        [
            "2026-01-20 BNK Receipt INV-1 1200.00 0.00 6100.00",
            "2026-01-25 BNK Payment BILL-1 0.00 360.00 5740.00",
        ], bank.GetProperty("lines").EnumerateArray().Select(l => string.Join(' ', l.Text("date"), l.Text("journal"), l.Text("reference"), l.Text("debit"), l.Text("credit"), l.Text("balance"))));
        Assert.Equal("5740.00", bank.Text("closing"));
        Assert.False(bank.GetProperty("truncated").GetBoolean());
        Assert.StartsWith("BNK/2026/", bank.GetProperty("lines")[0].Text("number"));
        var receivables = await Report("general-ledger?account=1100&from=2026-01-01&to=2026-01-31");
        Assert.Equal(["Alpha Retail", "Alpha Retail"], receivables.GetProperty("lines").EnumerateArray().Select(l => l.Text("contact")));
    }

    [Fact]
    public async Task Aged_receivables_age_what_is_left_of_each_invoice_after_payments_made_by_the_date_from_its_due_date()
    {
        await ChartAsync();
        var gamma = (await Admin.CreateContactAsync(ContactsClient.Company("Gamma Stores", customer: true))).Id();
        var invoice = await PostAsync("SAL", "2026-01-05", "INV-A", Debit("1100", "1200", _customer), Credit("4000", "1200"));
        await Admin.PostEntryAsync(new
        {
            journal = "SAL", date = "2026-03-01", dueDate = "2026-03-31", reference = "INV-B", post = true,
            lines = new[] { Debit("1100", "500", gamma), Credit("4000", "500") },
        });
        var payment = await PostAsync("BNK", "2026-02-10", "Part payment INV-A", Debit("1000", "700"), Credit("1100", "700", _customer));
        using var match = await Admin.PostJsonAsync("api/ledger/match", new { lineIds = new[] { await LineIdAsync(invoice, 0), await LineIdAsync(payment, 1) } });
        await match.ReadJsonAsync(HttpStatusCode.OK);

        var march = await Report("aged-receivables?at=2026-03-15");
        var before = await Report("aged-receivables?at=2026-02-05");

        var partners = march.GetProperty("partners").EnumerateArray().ToList();
        Assert.Equal(["Alpha Retail", "Gamma Stores"], partners.Select(p => p.Text("name")));
        Assert.Equal("0.00 0.00 0.00 500.00 0.00 500.00", Buckets(partners[0].GetProperty("amounts")));
        Assert.Equal("500.00 0.00 0.00 0.00 0.00 500.00", Buckets(partners[1].GetProperty("amounts")));
        Assert.Equal(("2026-03-31", -16), (partners[1].GetProperty("items")[0].Text("dueDate"), partners[1].GetProperty("items")[0].GetProperty("daysOverdue").GetInt32()));
        var item = partners[0].GetProperty("items")[0];
        Assert.Equal(("1200.00", "500.00", 69, "days61To90"), (item.Text("amount"), item.Text("residual"), item.GetProperty("daysOverdue").GetInt32(), item.Text("bucket")));
        Assert.Equal("500.00 0.00 0.00 500.00 0.00 1000.00", Buckets(march.GetProperty("totals")));
        Assert.Equal(["Alpha Retail"], before.GetProperty("partners").EnumerateArray().Select(p => p.Text("name")));
        Assert.Equal("0.00 0.00 1200.00 0.00 0.00 1200.00", Buckets(before.GetProperty("totals")));
        Assert.Empty((await Report("aged-payables?at=2026-03-15")).GetProperty("partners").EnumerateArray());
    }

    [Fact]
    public async Task Aged_payables_show_what_is_owed_to_suppliers_as_positive()
    {
        await TextbookMonthAsync();

        var atBill = await Report("aged-payables?at=2026-01-10");
        var afterPayment = await Report("aged-payables?at=2026-01-31");

        var partner = Assert.Single(atBill.GetProperty("partners").EnumerateArray());
        Assert.Equal(("Beta Supplies", "360.00 0.00 0.00 0.00 0.00 360.00"), (partner.Text("name"), Buckets(partner.GetProperty("amounts"))));
        // Posted but not matched: the bill and its payment stay open items that cancel out.
        Assert.Equal("0.00", afterPayment.GetProperty("totals").Text("total"));
    }

    [Fact]
    public async Task Verify_finds_nothing_wrong_in_books_written_by_posting()
    {
        await TextbookMonthAsync();

        var verify = await (await Admin.GetAsync("api/ledger/verify")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.True(verify.GetProperty("ok").GetBoolean(), verify.GetRawText());
        Assert.Equal((7, 17), (verify.GetProperty("entries").GetInt64(), verify.GetProperty("lines").GetInt64()));
        Assert.Empty(verify.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Verify_reports_a_balance_that_no_posted_line_accounts_for()
    {
        await TextbookMonthAsync();
        await ExecuteSqlAsync("INSERT INTO ledger_balances (account_code, date, is_closing, debit, credit) VALUES ('1000', '2026-02-01', 0, 10000, 0)");

        var verify = await (await Admin.GetAsync("api/ledger/verify")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.False(verify.GetProperty("ok").GetBoolean());
        var problem = Assert.Single(verify.GetProperty("problems").EnumerateArray());
        Assert.Equal("balance", problem.Text("kind"));
        Assert.Contains("1000", problem.Text("message"));
        Assert.Contains("2026-02-01", problem.Text("message"));
    }

    [Fact]
    public async Task Verify_reports_a_journal_whose_chain_head_was_changed()
    {
        await TextbookMonthAsync();
        await ExecuteSqlAsync("UPDATE ledger_journals SET last_hash = '0000', chain_length = 9 WHERE code = 'GEN'");

        var verify = await (await Admin.GetAsync("api/ledger/verify")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.False(verify.GetProperty("ok").GetBoolean());
        var problem = Assert.Single(verify.GetProperty("problems").EnumerateArray());
        Assert.Equal(("head", "GEN"), (problem.Text("kind"), problem.Text("journal")));
    }

    [Fact]
    public async Task Bad_or_missing_dates_and_accounts_are_refused_naming_each_field()
    {
        var missing = await (await Admin.GetAsync("api/ledger/reports/trial-balance")).AssertFieldsAsync(HttpStatusCode.BadRequest, "from", "to");
        await (await Admin.GetAsync("api/ledger/reports/trial-balance?from=2026-13-01&to=31.01.2026")).AssertFieldsAsync(HttpStatusCode.BadRequest, "from", "to");
        var reversed = await (await Admin.GetAsync("api/ledger/reports/profit-and-loss?from=2026-02-01&to=2026-01-31")).AssertFieldsAsync(HttpStatusCode.BadRequest, "from");
        var account = await (await Admin.GetAsync("api/ledger/reports/general-ledger?account=9999&from=2026-01-01&to=x")).AssertFieldsAsync(HttpStatusCode.BadRequest, "account", "to");
        await (await Admin.GetAsync("api/ledger/reports/general-ledger?from=2026-01-01&to=2026-01-31")).AssertFieldsAsync(HttpStatusCode.BadRequest, "account");
        await (await Admin.GetAsync("api/ledger/reports/balance-sheet?at=yesterday")).AssertFieldsAsync(HttpStatusCode.BadRequest, "at");
        await (await Admin.GetAsync("api/ledger/reports/aged-receivables")).AssertFieldsAsync(HttpStatusCode.BadRequest, "at");
        await (await Admin.GetAsync("api/ledger/reports/aged-payables?at=2026-01-31&format=xlsx")).AssertFieldsAsync(HttpStatusCode.BadRequest, "format");

        Assert.Contains("yyyy-MM-dd", missing.Error("from"));
        Assert.Contains("after", reversed.Error("from"));
        Assert.Contains("9999", account.Error("account"));
    }

    [Fact]
    public async Task Reports_and_verify_need_ViewLedger()
    {
        var editor = await Host.ClientOfNewUserAsync("editor", "Editor");
        var powerless = await Host.ClientOfNewUserAsync("powerless");

        foreach (var path in new[] { "api/ledger/reports/trial-balance?from=2026-01-01&to=2026-01-31", "api/ledger/reports/aged-payables?at=2026-01-31", "api/ledger/verify" })
        {
            Assert.Equal(HttpStatusCode.OK, await editor.StatusOfAsync(path));
            Assert.Equal(HttpStatusCode.Forbidden, await powerless.StatusOfAsync(path));
            Assert.Equal(HttpStatusCode.Unauthorized, await Host.CreateClient().StatusOfAsync(path));
        }
    }

    private async Task CloseYearAsync(string name)
    {
        using var close = await Admin.PostJsonAsync($"api/ledger/fiscal-years/{name}/close", new { account = "3900" });
        await close.ReadJsonAsync(HttpStatusCode.OK);
    }

    private Task<JsonElement> Report(string pathAndQuery) => Admin.GetLedgerJsonAsync("api/ledger/reports/" + pathAndQuery);

    private Task ExecuteSqlAsync(string sql) =>
        Host.InTenantAsync(Tenant, services => services.GetRequiredService<IUnitOfWork>().ExecuteAsync(sql));

    private Task<JsonElement> PostAsync(string journal, string date, string reference, params object[] lines) =>
        Admin.PostEntryAsync(LedgerClient.Entry(journal, date, reference, post: true, lines));

    private static object Debit(string account, string amount, string? contactId = null) => LedgerClient.Dr(account, amount, contactId);

    private static object Credit(string account, string amount, string? contactId = null) => LedgerClient.Cr(account, amount, contactId);

    private async Task<long> LineIdAsync(JsonElement entry, int index) =>
        (await Admin.GetEntryAsync(entry.Id())).GetProperty("lines")[index].GetProperty("id").GetInt64();

    private static IReadOnlyList<string> Accounts(JsonElement section) =>
        section.GetProperty("lines").EnumerateArray().Select(l => $"{l.Text("account")} {l.Text("name")} {l.Text("amount")}").ToList();

    private static IReadOnlyList<string> Months(JsonElement report) =>
        report.GetProperty("months").EnumerateArray().Select(m => $"{m.Text("month")} {m.Text("income")} {m.Text("expense")} {m.Text("result")}").ToList();

    private static string Buckets(JsonElement amounts) =>
        string.Join(' ', new[] { "notDue", "days1To30", "days31To60", "days61To90", "over90", "total" }.Select(k => amounts.Text(k)));
}

public sealed class SqliteLedgerReportsHttpTests() : LedgerReportsHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLedgerReportsHttpTests() : LedgerReportsHttpTests(DatabaseProvider.Postgres);
