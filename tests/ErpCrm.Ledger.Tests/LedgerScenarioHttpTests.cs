using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;
using static ErpCrm.Testing.LedgerReportReader;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// Textbook cases recorded through /api/ledger, each read back as the trial balance, the profit and loss and the balance sheet an
/// accountant would write by hand: a purchase on credit and its payment, a year of straight-line depreciation, a foreign-currency sale
/// settled at another rate, and a year-end close followed by the next year's business.
/// </summary>
public abstract class LedgerScenarioHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
    }

    [Fact]
    public async Task A_purchase_on_credit_is_owed_to_the_supplier_until_its_payment_is_matched_and_the_goods_sold_show_their_margin()
    {
        var supplier = (await Admin.CreateContactAsync(ContactsClient.Company("Delta Wholesale", supplier: true))).Id();
        await Admin.PostEntryAsync(Entry("GEN", "2026-01-02", "Capital", true, Dr("1100", "10000"), Cr("3000", "10000")));
        var bill = await Admin.PostEntryAsync(new
        {
            journal = "PUR", date = "2026-01-10", dueDate = "2026-02-09", reference = "BILL-7", post = true,
            lines = new[] { Dr("1300", "2000"), Cr("2000", "2000", supplier) },
        });
        await Admin.PostEntryAsync(Entry("SAL", "2026-01-20", "Cash sale", true, Dr("1000", "1500"), Cr("4000", "1500")));
        await Admin.PostEntryAsync(Entry("GEN", "2026-01-20", "Cost of the cash sale", true, Dr("5000", "800"), Cr("1300", "800")));

        var owed = await Admin.ReportAsync("aged-payables?at=2026-01-31");
        var january = await Admin.ReportAsync("balance-sheet?at=2026-01-31");

        var partner = Assert.Single(owed.GetProperty("partners").EnumerateArray());
        Assert.Equal(("Delta Wholesale", "2000.00 0.00 0.00 0.00 0.00 2000.00"), (partner.Text("name"), Buckets(partner.GetProperty("amounts"))));
        Assert.Equal(("2026-02-09", -9), (partner.GetProperty("items")[0].Text("dueDate"), partner.GetProperty("items")[0].GetProperty("daysOverdue").GetInt32()));
        Assert.Equal(["2000 Payables 2000.00"], Accounts(january.GetProperty("liabilities")));
        Assert.Equal(["1000 Cash 1500.00", "1100 Bank 10000.00", "1300 Stock 1200.00"], Accounts(january.GetProperty("assets")));

        var payment = await Admin.PostEntryAsync(Entry("BNK", "2026-02-09", "Payment BILL-7", true, Dr("2000", "2000", supplier), Cr("1100", "2000")));
        using var matching = await Admin.PostJsonAsync("api/ledger/match", new { lineIds = new[] { LineId(bill, 1), LineId(payment, 0) } });
        var matched = await matching.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("2000.00", matched.GetProperty("matches")[0].Text("amount"));
        Assert.Equal(["0.00", "0.00"], matched.GetProperty("lines").EnumerateArray().Select(l => l.Text("open")));
        var trial = await Admin.ReportAsync("trial-balance?from=2026-01-01&to=2026-02-28");
        Assert.Equal(
        [
            "1000 Cash 0.00 1500.00 0.00 1500.00",
            "1100 Bank 0.00 10000.00 2000.00 8000.00",
            "1300 Stock 0.00 2000.00 800.00 1200.00",
            "2000 Payables 0.00 2000.00 2000.00 0.00",
            "3000 Share capital 0.00 0.00 10000.00 -10000.00",
            "4000 Sales 0.00 0.00 1500.00 -1500.00",
            "5000 Cost of goods sold 0.00 800.00 0.00 800.00",
        ], TrialBalanceLines(trial));
        Assert.Equal(("16300.00", "16300.00"), (trial.GetProperty("totals").Text("debit"), trial.GetProperty("totals").Text("credit")));
        var profitAndLoss = await Admin.ReportAsync("profit-and-loss?from=2026-01-01&to=2026-02-28");
        Assert.Equal(["4000 Sales 1500.00"], Accounts(profitAndLoss.GetProperty("income")));
        Assert.Equal(["5000 Cost of goods sold 800.00"], Accounts(profitAndLoss.GetProperty("expense")));
        Assert.Equal("700.00", profitAndLoss.Text("result"));
        Assert.Equal(["2026-01 1500.00 800.00 700.00", "2026-02 0.00 0.00 0.00"], Months(profitAndLoss));
        var sheet = await Admin.ReportAsync("balance-sheet?at=2026-02-28");
        Assert.Equal(["1000 Cash 1500.00", "1100 Bank 8000.00", "1300 Stock 1200.00"], Accounts(sheet.GetProperty("assets")));
        Assert.Empty(Accounts(sheet.GetProperty("liabilities")));
        Assert.Equal(["3000 Share capital 10000.00"], Accounts(sheet.GetProperty("equity")));
        Assert.Equal(("700.00", "0.00"), (sheet.Text("currentYearResult"), sheet.Text("earlierYearsResult")));
        Assert.Equal(("10700.00", "10700.00"), (sheet.GetProperty("totals").Text("assets"), sheet.GetProperty("totals").Text("liabilitiesAndEquity")));
        Assert.True(sheet.GetProperty("balanced").GetBoolean());
        var paidUp = await Admin.ReportAsync("aged-payables?at=2026-02-28");
        Assert.Empty(paidUp.GetProperty("partners").EnumerateArray());
        Assert.Equal("0.00", paidUp.GetProperty("totals").Text("total"));
        await Admin.AssertVerifiedAsync();
    }

    [Fact]
    public async Task Equipment_depreciated_straight_line_every_month_for_a_year_shows_net_on_the_balance_sheet()
    {
        await Admin.PostEntryAsync(Entry("GEN", "2026-01-01", "Capital", true, Dr("1100", "20000"), Cr("3000", "20000")));
        await Admin.PostEntryAsync(Entry("PUR", "2026-01-02", "Delivery van", true, Dr("1500", "12000.00"), Cr("1100", "12000.00")));
        // 12,000.00 over 5 years: 200.00 at the end of each month.
        var depreciation = await Admin.PostBatchAsync(Enumerable.Range(1, 12).Select(month =>
            Entry("GEN", LastDayOf(2026, month), $"Depreciation {month:00}/2026", true, Dr("6800", "200.00"), Cr("1590", "200.00"))));

        Assert.Equal(Enumerable.Range(2, 12).Select(n => $"GEN/2026/{n:0000}"), depreciation.Select(e => e.Text("number")));
        var trial = await Admin.ReportAsync("trial-balance?from=2026-01-01&to=2026-12-31");
        Assert.Equal(
        [
            "1100 Bank 0.00 20000.00 12000.00 8000.00",
            "1500 Equipment 0.00 12000.00 0.00 12000.00",
            "1590 Accumulated depreciation 0.00 0.00 2400.00 -2400.00",
            "3000 Share capital 0.00 0.00 20000.00 -20000.00",
            "6800 Depreciation 0.00 2400.00 0.00 2400.00",
        ], TrialBalanceLines(trial));
        Assert.Equal(("34400.00", "34400.00"), (trial.GetProperty("totals").Text("debit"), trial.GetProperty("totals").Text("credit")));
        var profitAndLoss = await Admin.ReportAsync("profit-and-loss?from=2026-01-01&to=2026-12-31");
        Assert.Empty(Accounts(profitAndLoss.GetProperty("income")));
        Assert.Equal(["6800 Depreciation 2400.00"], Accounts(profitAndLoss.GetProperty("expense")));
        Assert.Equal(("0.00", "2400.00", "-2400.00"), (profitAndLoss.GetProperty("income").Text("total"), profitAndLoss.GetProperty("expense").Text("total"), profitAndLoss.Text("result")));
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"2026-{m:00} 0.00 200.00 -200.00"), Months(profitAndLoss));
        var midYear = await Admin.ReportAsync("balance-sheet?at=2026-06-30");
        var yearEnd = await Admin.ReportAsync("balance-sheet?at=2026-12-31");
        Assert.Equal(["1100 Bank 8000.00", "1500 Equipment 12000.00", "1590 Accumulated depreciation -1200.00"], Accounts(midYear.GetProperty("assets")));
        Assert.Equal(["1100 Bank 8000.00", "1500 Equipment 12000.00", "1590 Accumulated depreciation -2400.00"], Accounts(yearEnd.GetProperty("assets")));
        Assert.Equal(("10800.00", "9600.00"), (NetFixedAssets(midYear), NetFixedAssets(yearEnd)));
        Assert.Equal(["3000 Share capital 20000.00"], Accounts(yearEnd.GetProperty("equity")));
        Assert.Equal(("-1200.00", "-2400.00"), (midYear.Text("currentYearResult"), yearEnd.Text("currentYearResult")));
        Assert.Equal(("17600.00", "17600.00"), (yearEnd.GetProperty("totals").Text("assets"), yearEnd.GetProperty("totals").Text("liabilitiesAndEquity")));
        Assert.True(midYear.GetProperty("balanced").GetBoolean() && yearEnd.GetProperty("balanced").GetBoolean());
        var accumulated = await Admin.ReportAsync("general-ledger?account=1590&from=2026-01-01&to=2026-12-31");
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"{LastDayOf(2026, m)} -{m * 200}.00"),
            accumulated.GetProperty("lines").EnumerateArray().Select(l => $"{l.Text("date")} {l.Text("balance")}"));
        await Admin.AssertVerifiedAsync();
    }

    [Fact]
    public async Task A_dollar_sale_booked_at_0_92_and_settled_at_0_95_earns_an_exchange_gain_and_leaves_the_dollar_receivable_at_zero()
    {
        await Admin.UseEuroWithDollarRatesAsync();
        var customer = (await Admin.CreateContactAsync(ContactsClient.Company("Acme Inc", customer: true))).Id();
        var sale = await Admin.PostEntryAsync(new
        {
            journal = "SAL", date = "2026-01-15", reference = "INV-US-1", post = true,
            lines = new object[]
            {
                new { account = "1210", currency = "USD", amountCurrency = "1000.00", contactId = customer },
                new { account = "4000", currency = "USD", amountCurrency = "-1000.00" },
            },
        });

        var january = await Admin.ReportAsync("balance-sheet?at=2026-01-31");
        Assert.Equal(["1210 Receivables USD 920.00"], Accounts(january.GetProperty("assets")));
        Assert.Equal(("920.00", "920.00"), (january.Text("currentYearResult"), january.GetProperty("totals").Text("assets")));

        var settlement = await Admin.PostEntryAsync(new
        {
            journal = "BNK", date = "2026-02-10", reference = "Payment INV-US-1", post = true,
            lines = new object[]
            {
                new { account = "1110", currency = "USD", amountCurrency = "1000.00" },
                new { account = "1210", currency = "USD", amountCurrency = "-1000.00", credit = "920.00", contactId = customer },
                new { account = "7900", credit = "30.00" },
            },
        });
        using var matching = await Admin.PostJsonAsync("api/ledger/match", new { lineIds = new[] { LineId(sale, 0), LineId(settlement, 1) } });
        await matching.ReadJsonAsync(HttpStatusCode.OK);

        var trial = await Admin.ReportAsync("trial-balance?from=2026-01-01&to=2026-02-28");
        Assert.Equal("EUR", trial.Text("currency"));
        Assert.Equal(
        [
            "1110 Bank USD 0.00 950.00 0.00 950.00",
            "1210 Receivables USD 0.00 920.00 920.00 0.00",
            "4000 Sales 0.00 0.00 920.00 -920.00",
            "7900 Exchange gains 0.00 0.00 30.00 -30.00",
        ], TrialBalanceLines(trial));
        Assert.Equal(("1870.00", "1870.00"), (trial.GetProperty("totals").Text("debit"), trial.GetProperty("totals").Text("credit")));
        var profitAndLoss = await Admin.ReportAsync("profit-and-loss?from=2026-01-01&to=2026-02-28");
        Assert.Equal(["4000 Sales 920.00", "7900 Exchange gains 30.00"], Accounts(profitAndLoss.GetProperty("income")));
        Assert.Empty(Accounts(profitAndLoss.GetProperty("expense")));
        Assert.Equal(("950.00", "950.00"), (profitAndLoss.GetProperty("income").Text("total"), profitAndLoss.Text("result")));
        Assert.Equal(["2026-01 920.00 0.00 920.00", "2026-02 30.00 0.00 30.00"], Months(profitAndLoss));
        var sheet = await Admin.ReportAsync("balance-sheet?at=2026-02-28");
        Assert.Equal(["1110 Bank USD 950.00"], Accounts(sheet.GetProperty("assets")));
        Assert.Empty(Accounts(sheet.GetProperty("liabilities")));
        Assert.Empty(Accounts(sheet.GetProperty("equity")));
        Assert.Equal(("950.00", "950.00", "950.00"), (sheet.Text("currentYearResult"), sheet.GetProperty("totals").Text("assets"), sheet.GetProperty("totals").Text("liabilitiesAndEquity")));
        Assert.True(sheet.GetProperty("balanced").GetBoolean());
        var receivable = await Admin.ReportAsync("general-ledger?account=1210&from=2026-01-01&to=2026-02-28");
        Assert.Equal(["920.00", "0.00"], receivable.GetProperty("lines").EnumerateArray().Select(l => l.Text("balance")));
        Assert.Equal("0.00", receivable.Text("closing"));
        Assert.Empty((await Admin.ReportAsync("aged-receivables?at=2026-02-28")).GetProperty("partners").EnumerateArray());
        // The receivable's dollars are settled too: its lines add up to zero in USD.
        var dollars = await Task.WhenAll(new[] { sale, settlement }.Select(e => Admin.GetEntryAsync(e.Id())));
        Assert.Equal(0, dollars.SelectMany(e => e.GetProperty("lines").EnumerateArray()).Where(l => l.Text("account") == "1210").Sum(l => Cents(l.Text("amountCurrency"))));
        await Admin.AssertVerifiedAsync();
    }

    [Fact]
    public async Task After_a_year_end_close_the_next_year_opens_with_retained_earnings_and_its_balance_sheet_shows_only_its_own_result()
    {
        await Admin.PostEntryAsync(Entry("GEN", "2025-01-02", "Capital", true, Dr("1100", "10000"), Cr("3000", "10000")));
        await Admin.PostEntryAsync(Entry("SAL", "2025-06-30", "Cash sales", true, Dr("1000", "2500"), Cr("4000", "2500")));
        await Admin.PostEntryAsync(Entry("GEN", "2025-07-01", "Rent", true, Dr("6100", "800"), Cr("1100", "800")));
        // Business of the new year may begin before the old year is closed; the close must leave it alone.
        await Admin.PostEntryAsync(Entry("SAL", "2026-01-05", "Cash sale", true, Dr("1000", "300"), Cr("4000", "300")));

        using var closing = await Admin.PostJsonAsync("api/ledger/fiscal-years/2025/close", new { account = "3900" });
        var year = await closing.ReadJsonAsync(HttpStatusCode.OK);
        await Admin.PostEntryAsync(Entry("SAL", "2026-03-15", "Cash sale", true, Dr("1000", "1200"), Cr("4000", "1200")));
        await Admin.PostEntryAsync(Entry("GEN", "2026-04-01", "Rent", true, Dr("6100", "500"), Cr("1100", "500")));

        var closingEntry = await Admin.GetEntryAsync(year.GetProperty("closingEntryId").GetInt64());
        Assert.Equal([("4000", "2500.00", "0.00"), ("6100", "0.00", "800.00"), ("3900", "0.00", "1700.00")],
            closingEntry.GetProperty("lines").EnumerateArray().Select(l => (l.Text("account"), l.Text("debit"), l.Text("credit"))));
        var trial = await Admin.ReportAsync("trial-balance?from=2026-01-01&to=2026-12-31");
        Assert.Equal(
        [
            "1000 Cash 2500.00 1500.00 0.00 4000.00",
            "1100 Bank 9200.00 0.00 500.00 8700.00",
            "3000 Share capital -10000.00 0.00 0.00 -10000.00",
            "3900 Retained earnings -1700.00 0.00 0.00 -1700.00",
            "4000 Sales 0.00 0.00 1500.00 -1500.00",
            "6100 Rent 0.00 500.00 0.00 500.00",
        ], TrialBalanceLines(trial));
        Assert.Equal(("0.00", "2000.00", "2000.00", "0.00"),
            (trial.GetProperty("totals").Text("opening"), trial.GetProperty("totals").Text("debit"), trial.GetProperty("totals").Text("credit"), trial.GetProperty("totals").Text("closing")));
        var lastYear = await Admin.ReportAsync("profit-and-loss?from=2025-01-01&to=2025-12-31");
        var thisYear = await Admin.ReportAsync("profit-and-loss?from=2026-01-01&to=2026-12-31");
        Assert.Equal("1700.00", lastYear.Text("result"));
        Assert.Equal(["4000 Sales 1500.00"], Accounts(thisYear.GetProperty("income")));
        Assert.Equal(["6100 Rent 500.00"], Accounts(thisYear.GetProperty("expense")));
        Assert.Equal("1000.00", thisYear.Text("result"));
        var sheet = await Admin.ReportAsync("balance-sheet?at=2026-12-31");
        Assert.Equal("2026", sheet.GetProperty("fiscalYear").Text("name"));
        Assert.Equal(["1000 Cash 4000.00", "1100 Bank 8700.00"], Accounts(sheet.GetProperty("assets")));
        Assert.Equal(["3000 Share capital 10000.00", "3900 Retained earnings 1700.00"], Accounts(sheet.GetProperty("equity")));
        Assert.Equal(("1000.00", "0.00"), (sheet.Text("currentYearResult"), sheet.Text("earlierYearsResult")));
        Assert.Equal(("12700.00", "12700.00"), (sheet.GetProperty("totals").Text("assets"), sheet.GetProperty("totals").Text("liabilitiesAndEquity")));
        Assert.True(sheet.GetProperty("balanced").GetBoolean());
        var years = (await Admin.GetLedgerJsonAsync("api/ledger/fiscal-years")).EnumerateArray().Select(y => $"{y.Text("name")} {y.Text("state")}");
        Assert.Equal(["2025 closed", "2026 open"], years);
        var numbers = (await Admin.GetLedgerJsonAsync("api/ledger/entries?journal=SAL&from=2026-01-01")).GetProperty("items").EnumerateArray().Select(e => e.Text("number")).Order();
        Assert.Equal(["SAL/2026/0001", "SAL/2026/0002"], numbers);
        await Admin.AssertVerifiedAsync();
    }

    private static string LastDayOf(int year, int month) => $"{year}-{month:00}-{DateTime.DaysInMonth(year, month):00}";

    private static long LineId(JsonElement entry, int index) => entry.GetProperty("lines")[index].GetProperty("id").GetInt64();

    /// <summary>The fixed assets less their accumulated depreciation, from the balance sheet's asset lines.</summary>
    private static string NetFixedAssets(JsonElement sheet) =>
        Amount(sheet.GetProperty("assets").GetProperty("lines").EnumerateArray()
            .Where(l => l.Text("subtype") is "fixed_asset" or "depreciation").Sum(l => Cents(l.Text("amount"))));
}

public sealed class SqliteLedgerScenarioHttpTests() : LedgerScenarioHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLedgerScenarioHttpTests() : LedgerScenarioHttpTests(DatabaseProvider.Postgres);
