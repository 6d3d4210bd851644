using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;

namespace ErpCrm.Ledger.Tests;

/// <summary>Foreign currencies, partner matching and the year-end close through /api/ledger.</summary>
public abstract class LedgerBooksHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
    }

    private async Task<string> CustomerAsync(string name) =>
        (await Admin.CreateContactAsync(ContactsClient.Company(name, customer: true)))["ContentItemId"]!.GetValue<string>();

    [Fact]
    public async Task A_foreign_currency_sale_is_converted_at_the_rate_of_its_date_and_settled_with_the_exchange_gain()
    {
        await Admin.UseEuroWithDollarRatesAsync("JPY");
        var customer = await CustomerAsync("Acme Inc");

        var sale = await Admin.PostEntryAsync(new
        {
            journal = "SAL", date = "2026-01-15", reference = "INV-1", post = true,
            lines = new object[]
            {
                new { account = "1210", currency = "USD", amountCurrency = "1000", contactId = customer },
                new { account = "4000", currency = "USD", amountCurrency = -1000 },
            },
        });
        var settlement = await Admin.PostEntryAsync(new
        {
            journal = "BNK", date = "2026-02-10", reference = "Payment INV-1", post = true,
            lines = new object[]
            {
                new { account = "1110", currency = "USD", amountCurrency = "1000.00" },
                new { account = "1210", currency = "USD", amountCurrency = "-1000", credit = "920.00", contactId = customer },
                new { account = "7900", credit = "30" },
            },
        });

        var saleLines = sale.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(("920.00", "0.00", "1000.00"), (saleLines[0].Text("debit"), saleLines[0].Text("credit"), saleLines[0].Text("amountCurrency")));
        Assert.Equal(("0.00", "920.00", "-1000.00"), (saleLines[1].Text("debit"), saleLines[1].Text("credit"), saleLines[1].Text("amountCurrency")));
        Assert.Equal("EUR", sale.Text("currency"));
        var settled = settlement.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["950.00", "0.00", "0.00"], settled.Select(l => l.Text("debit")));
        Assert.Equal(["0.00", "920.00", "30.00"], settled.Select(l => l.Text("credit")));
    }

    [Fact]
    public async Task Foreign_lines_are_refused_without_a_rate_with_too_many_decimals_or_on_the_wrong_side()
    {
        await Admin.UseEuroWithDollarRatesAsync("JPY");

        using var early = await Admin.PostJsonAsync("api/ledger/entries", new
        {
            journal = "GEN", date = "2025-12-31", post = true,
            lines = new object[] { new { account = "1110", currency = "USD", amountCurrency = "10" }, new { account = "4000", credit = "9" } },
        });
        using var yen = await Admin.PostJsonAsync("api/ledger/entries", new
        {
            journal = "GEN", date = "2026-01-31", post = true,
            lines = new object[] { new { account = "1000", currency = "JPY", amountCurrency = "10.5", debit = "1" }, new { account = "4000", credit = "1" } },
        });
        using var side = await Admin.PostJsonAsync("api/ledger/entries", new
        {
            journal = "GEN", date = "2026-01-31", post = true,
            lines = new object[] { new { account = "1110", currency = "USD", amountCurrency = "-10", debit = "9.20" }, new { account = "1000", credit = "9.20" } },
        });
        using var restricted = await Admin.PostJsonAsync("api/ledger/entries", Entry("GEN", "2026-01-31", "x", true, Dr("1110", "5"), Cr("1000", "5")));

        Assert.Contains("no USD rate on or before 2025-12-31", (await early.AssertFieldsAsync(HttpStatusCode.BadRequest, "lines[0].currency")).Error("lines[0].currency"));
        Assert.Contains("JPY has 0 decimals", (await yen.AssertFieldsAsync(HttpStatusCode.BadRequest, "lines[0].amountCurrency")).Error("lines[0].amountCurrency"));
        Assert.Contains("negative on a debit", (await side.AssertFieldsAsync(HttpStatusCode.BadRequest, "lines[0].amountCurrency")).Error("lines[0].amountCurrency"));
        Assert.Contains("only USD", (await restricted.AssertFieldsAsync(HttpStatusCode.BadRequest, "lines[0].currency")).Error("lines[0].currency"));
    }

    [Fact]
    public async Task An_entry_all_in_one_foreign_currency_must_balance_in_it_and_its_rounding_cent_is_absorbed()
    {
        await Admin.UseEuroWithDollarRatesAsync("JPY");
        using var rate = await Admin.PostJsonAsync("api/ledger/exchange-rates", new { currency = "USD", date = "2026-03-01", rate = "0.333" });
        await rate.ReadJsonAsync(HttpStatusCode.OK);

        using var unbalanced = await Admin.PostJsonAsync("api/ledger/entries", new
        {
            journal = "GEN", date = "2026-03-02", post = true,
            lines = new object[] { new { account = "1110", currency = "USD", amountCurrency = "10" }, new { account = "1210", currency = "USD", amountCurrency = "-9", contactId = await CustomerAsync("A") } },
        });
        var thirds = await Admin.PostEntryAsync(new
        {
            journal = "GEN", date = "2026-03-02", post = true,
            lines = new object[]
            {
                new { account = "1110", currency = "USD", amountCurrency = "1.00" },
                new { account = "1110", currency = "USD", amountCurrency = "-0.50" },
                new { account = "1110", currency = "USD", amountCurrency = "-0.50" },
            },
        });

        Assert.Contains("add up to 1.00 USD", (await unbalanced.AssertFieldsAsync(HttpStatusCode.BadRequest, "lines")).Error("lines"));
        var lines = thirds.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["0.34", "0.00", "0.00"], lines.Select(l => l.Text("debit")));
        Assert.Equal(["0.00", "0.17", "0.17"], lines.Select(l => l.Text("credit")));
    }

    [Fact]
    public async Task Payments_match_invoices_fully_or_partly_on_one_account_and_contact()
    {
        var acme = await CustomerAsync("Acme");
        var other = await CustomerAsync("Other");
        var invoice = await Admin.PostEntryAsync(Entry("SAL", "2026-01-10", "INV-1", true, Dr("1200", "1000", acme), Cr("4000", "1000")));
        var payment = await Admin.PostEntryAsync(Entry("BNK", "2026-01-20", "PAY-1", true, Dr("1100", "600"), Cr("1200", "600", acme)));
        var elsewhere = await Admin.PostEntryAsync(Entry("BNK", "2026-01-21", "PAY-2", true, Dr("1100", "50"), Cr("1200", "50", other)));
        long LineId(System.Text.Json.JsonElement entry, int index) => entry.GetProperty("lines")[index].GetProperty("id").GetInt64();

        using var matched = await Admin.PostJsonAsync("api/ledger/match", new { lineIds = new[] { LineId(invoice, 0), LineId(payment, 1) } });
        var result = await matched.ReadJsonAsync(HttpStatusCode.OK);
        using var wrongContact = await Admin.PostJsonAsync("api/ledger/match", new { lineIds = new[] { LineId(invoice, 0), LineId(elsewhere, 1) } });
        using var notPartner = await Admin.PostJsonAsync("api/ledger/match", new { lineIds = new[] { LineId(invoice, 1), LineId(payment, 0) } });
        using var again = await Admin.PostJsonAsync("api/ledger/match", new { lineIds = new[] { LineId(invoice, 0), LineId(payment, 1) } });

        Assert.Equal("600.00", result.GetProperty("matches")[0].Text("amount"));
        Assert.Equal(["400.00", "0.00"], result.GetProperty("lines").EnumerateArray().Select(l => l.Text("open")));
        Assert.Contains("one account and one contact", (await wrongContact.AssertFieldsAsync(HttpStatusCode.BadRequest, "lineIds")).Error("lineIds"));
        await notPartner.AssertFieldsAsync(HttpStatusCode.BadRequest, "lineIds");
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_year_end_close_carries_income_and_expense_into_retained_earnings_and_locks_the_year()
    {
        await Admin.PostEntryAsync(Entry("GEN", "2026-01-02", "Capital", true, Dr("1100", "5000"), Cr("3000", "5000")));
        await Admin.PostEntryAsync(Entry("SAL", "2026-06-30", "Cash sales", true, Dr("1000", "2500"), Cr("4000", "2500")));
        await Admin.PostEntryAsync(Entry("GEN", "2026-07-01", "Rent", true, Dr("6100", "800"), Cr("1100", "800")));
        using var draft = await Admin.PostJsonAsync("api/ledger/entries", Entry("GEN", "2026-12-01", "Draft", false, Dr("6100", "1"), Cr("1100", "1")));
        var draftId = (await draft.ReadJsonAsync(HttpStatusCode.Created)).Id();

        using var blocked = await Admin.PostAsync("api/ledger/fiscal-years/2026/close", null);
        Assert.Contains("draft", (await blocked.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        using var removed = await Admin.DeleteAsync($"api/ledger/entries/{draftId}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        using var closing = await Admin.PostAsync("api/ledger/fiscal-years/2026/close", null);
        var year = await closing.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("closed", year.Text("state"));
        Assert.Equal(12, year.GetProperty("periods").GetArrayLength());
        var entry = await Admin.GetEntryAsync(year.GetProperty("closingEntryId").GetInt64());
        Assert.True(entry.GetProperty("isClosing").GetBoolean());
        Assert.Equal("2026-12-31", entry.Text("date"));
        var lines = entry.GetProperty("lines").EnumerateArray().Select(l => (l.Text("account"), l.Text("debit"), l.Text("credit"))).ToList();
        Assert.Equal([("4000", "2500.00", "0.00"), ("6100", "0.00", "800.00"), ("3900", "0.00", "1700.00")], lines);
        Assert.Equal("2026-12-31", (await Admin.GetLedgerJsonAsync("api/ledger/settings")).Text("lockDate"));
        using var late = await Admin.PostJsonAsync("api/ledger/entries", Entry("GEN", "2026-12-15", "Late", true, Dr("6100", "5"), Cr("1100", "5")));
        await late.AssertProblemAsync(HttpStatusCode.Conflict);
        using var twice = await Admin.PostAsync("api/ledger/fiscal-years/2026/close", null);
        await twice.AssertProblemAsync(HttpStatusCode.Conflict);
        using var unlock = await Admin.PutJsonAsync("api/ledger/settings", JsonNode.Parse("""{"lockDate": "2026-06-30"}""")!);
        await unlock.AssertFieldsAsync(HttpStatusCode.Conflict, "lockDate");
        using var cleared = await Admin.PutJsonAsync("api/ledger/settings", JsonNode.Parse("""{"lockDate": null}""")!);
        await cleared.AssertFieldsAsync(HttpStatusCode.Conflict, "lockDate");
        Assert.Equal("2026-12-31", (await Admin.GetLedgerJsonAsync("api/ledger/settings")).Text("lockDate"));
    }

    [Fact]
    public async Task A_lock_date_given_as_null_is_cleared_as_GET_shows_none_and_one_left_out_stays()
    {
        using var locking = await Admin.PutJsonAsync("api/ledger/settings", JsonNode.Parse("""{"lockDate": "2026-01-31"}""")!);
        Assert.Equal("2026-01-31", (await locking.ReadJsonAsync(HttpStatusCode.OK)).Text("lockDate"));
        using var leftOut = await Admin.PutJsonAsync("api/ledger/settings", JsonNode.Parse("""{"fiscalYearStartMonth": 1}""")!);
        Assert.Equal("2026-01-31", (await leftOut.ReadJsonAsync(HttpStatusCode.OK)).Text("lockDate"));

        using var cleared = await Admin.PutJsonAsync("api/ledger/settings", JsonNode.Parse("""{"lockDate": null}""")!);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await cleared.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("lockDate").ValueKind);
        await Admin.PostEntryAsync(Entry("GEN", "2026-01-15", "Once locked", true, Dr("6100", "5"), Cr("1100", "5")));
    }

    [Fact]
    public async Task Settings_that_cannot_be_empty_given_as_null_are_refused_naming_them_and_nothing_changes()
    {
        var before = (await Admin.GetLedgerJsonAsync("api/ledger/settings")).GetRawText();

        using var refused = await Admin.PutJsonAsync("api/ledger/settings", JsonNode.Parse("""{"baseCurrency": null, "fiscalYearStartMonth": null, "lockDate": "2026-03-31"}""")!);

        var problem = await refused.AssertFieldsAsync(HttpStatusCode.BadRequest, "baseCurrency", "fiscalYearStartMonth");
        Assert.Equal("baseCurrency cannot be empty; leave it out to keep the current one.", problem.Error("baseCurrency"));
        Assert.Equal(before, (await Admin.GetLedgerJsonAsync("api/ledger/settings")).GetRawText());
    }

    [Fact]
    public async Task A_body_that_is_not_json_names_the_body()
    {
        using var response = await Admin.PostAsync("api/ledger/entries", ContentClient.Json("{journal"));

        await response.AssertFieldsAsync(HttpStatusCode.BadRequest, "body");
    }
}

public sealed class SqliteLedgerBooksHttpTests() : LedgerBooksHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLedgerBooksHttpTests() : LedgerBooksHttpTests(DatabaseProvider.Postgres);
