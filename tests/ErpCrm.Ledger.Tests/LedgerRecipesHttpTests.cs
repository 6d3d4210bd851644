using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// The ledger's recipe steps (Currencies, ExchangeRates, ChartOfAccounts), the charts the repository ships, and the ledger's
/// configuration exported back to a recipe. What a recipe set up is read back through the ledger's API; re-runs compare exports.
/// </summary>
public abstract class LedgerRecipesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string LedgerOnly = "features=false&settings=false&roles=false&contentDefinitions=false&sources=Ledger,LedgerExchangeRates";

    private const string EnableLedger = """{"name": "feature", "enable": ["ErpCrm.Ledger"]}""";

    [Fact]
    public async Task The_small_business_chart_sets_up_euros_with_dollar_and_pound_rates_and_runs_again_to_the_same_ledger()
    {
        await RunByNameAsync("ledger-small-business");
        var first = await Admin.ExportAsync(LedgerOnly);
        await RunByNameAsync("ledger-small-business");
        var second = await Admin.ExportAsync(LedgerOnly);

        Assert.Equal(RecipeClient.Canonical(first), RecipeClient.Canonical(second));
        var accounts = await AccountsAsync();
        Assert.Equal(26, accounts.Count);
        Assert.Equal("1500", accounts["1510"].Text("parent"));
        Assert.Equal("USD", accounts["1020"].Text("currency"));
        Assert.Equal("retained_earnings", accounts["3100"].Text("subtype"));
        Assert.Equal("receivable", accounts["1100"].Text("subtype"));
        Assert.Equal("payable", accounts["2000"].Text("subtype"));
        Assert.Equal(["income", "expense"], new[] { accounts["4900"], accounts["6900"] }.Select(a => a.Text("type")));
        Assert.Equal("EUR", (await Admin.GetLedgerJsonAsync("api/ledger/settings")).Text("baseCurrency"));
        Assert.Equal(["EUR", "GBP", "USD"], (await Admin.GetLedgerJsonAsync("api/ledger/currencies")).EnumerateArray().Select(c => c.Text("code")));
        var usd = Assert.Single((await Admin.GetLedgerJsonAsync("api/ledger/exchange-rates?currency=USD")).EnumerateArray());
        Assert.Equal(("2026-01-01", "0.92"), (usd.Text("date"), usd.Text("rate")));
        Assert.Equal(["BNK", "CSH", "GEN", "PUR", "SAL"], (await Admin.GetLedgerJsonAsync("api/ledger/journals")).EnumerateArray().Select(j => j.Text("code")));
    }

    [Fact]
    public async Task The_standard_chart_builds_its_tree_of_classes_groups_and_posting_accounts_and_runs_again_to_the_same_ledger()
    {
        await RunByNameAsync("ledger-standard-chart");
        var first = await Admin.ExportAsync(LedgerOnly);
        await RunByNameAsync("ledger-standard-chart");
        var second = await Admin.ExportAsync(LedgerOnly);

        Assert.Equal(RecipeClient.Canonical(first), RecipeClient.Canonical(second));
        var accounts = await AccountsAsync();
        Assert.Equal(122, accounts.Count);
        Assert.Equal(["1", "10", "100"], Ancestors(accounts, "1000"));
        Assert.Equal(["1", "11", "150"], Ancestors(accounts, "1590"));
        Assert.Equal(["4", "41"], Ancestors(accounts, "4900"));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], accounts.Values.Where(a => a.GetProperty("parent").ValueKind == JsonValueKind.Null).Select(a => a.Text("code")));
        Assert.Equal("EUR", (await Admin.GetLedgerJsonAsync("api/ledger/settings")).Text("baseCurrency"));
        var journals = (await Admin.GetLedgerJsonAsync("api/ledger/journals")).EnumerateArray().ToDictionary(j => j.Text("code"));
        Assert.Equal(["BNK", "BNKUSD", "CSH", "GEN", "OPN", "PUR", "SAL"], journals.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("bank", journals["BNKUSD"].Text("type"));
        // The export lists the tree parents first, so it can be run again as it is.
        var exported = first.Step("ChartOfAccounts")["accounts"]!.AsArray().Select(a => (Code: a!["code"]!.GetValue<string>(), Parent: a["parent"]?.GetValue<string>())).ToList();
        Assert.All(exported.Select((a, i) => (a, i)), x => Assert.True(x.a.Parent is null || exported.FindIndex(p => p.Code == x.a.Parent) < x.i));
    }

    [Fact]
    public async Task The_standard_chart_sets_up_a_new_tenant_and_the_small_chart_run_over_it_brings_shared_codes_up_to_date()
    {
        var tenant = await Host.SetUpAnotherTenantAsync("Books", "ledger-standard-chart");
        await tenant.RunRecipeOrFailAsync("""{"name": "both", "steps": [{"name": "recipes", "Values": [{"executionid": "x", "name": "ledger-small-business"}]}]}""");

        var accounts = (await tenant.GetLedgerJsonAsync("api/ledger/accounts")).EnumerateArray().ToDictionary(a => a.Text("code"));

        // What the small chart leaves out of an account (here its parent) stays as the standard chart made it.
        Assert.Equal("Accounts receivable", accounts["1100"].Text("name"));
        Assert.Equal("110", accounts["1100"].Text("parent"));
        Assert.Equal(122 + 3, accounts.Count); // 1010, 6500 and 6900 are the small chart's own
    }

    [Fact]
    public async Task A_ledger_exported_imported_into_a_new_tenant_and_exported_again_gives_the_same_json()
    {
        await Admin.RunRecipeOrFailAsync($$"""
            {"name": "books", "steps": [
              {{EnableLedger}},
              {"name": "Currencies", "baseCurrency": "chf", "currencies": [
                {"code": "CHF", "name": "Swiss Franc"}, {"code": "XTK", "name": "Company token", "minorUnits": 3}, {"code": "USD", "active": false}]},
              {"name": "ExchangeRates", "rates": [
                {"currency": "XTK", "date": "2026-03-01", "rate": 0.000000000125}, {"currency": "XTK", "date": "2026-02-01", "rate": "0.50"}]},
              {"name": "ChartOfAccounts",
               "accounts": [
                 {"code": "1010", "name": "Token wallet", "type": "asset", "subtype": "cash", "parent": "10", "currency": "XTK"},
                 {"code": "10", "name": "Liquid assets", "type": "asset", "parent": "1"},
                 {"code": "1", "name": "Assets", "type": "asset"},
                 {"code": "4000", "name": "Fees", "type": "income", "subtype": "revenue"},
                 {"code": "4999", "name": "Old fees", "type": "income", "active": false}],
               "journals": [{"code": "tok", "name": "Token journal", "type": "cash"}, {"code": "CSH", "name": "Till", "type": "cash", "active": false}],
               "fiscalYearStartMonth": 4, "lockDate": "2025-03-31"}
            ]}
            """);

        var exportA = await Admin.ExportAsync("settings=false&roles=false&contentDefinitions=false&sources=Ledger,LedgerExchangeRates");
        var beta = await Host.SetUpAnotherTenantAsync("Beta");
        await beta.RunRecipeOrFailAsync(exportA.ToJsonString());
        var exportB = await beta.ExportAsync("settings=false&roles=false&contentDefinitions=false&sources=Ledger,LedgerExchangeRates");

        Assert.Equal(RecipeClient.Canonical(exportA), RecipeClient.Canonical(exportB));
        Assert.Equal(["feature", "Currencies", "ChartOfAccounts", "ExchangeRates"], exportA["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        var currencies = exportA.Step("Currencies");
        Assert.Equal("CHF", currencies["baseCurrency"]!.GetValue<string>());
        Assert.False(currencies["currencies"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "USD")!["active"]!.GetValue<bool>());
        Assert.Equal(3, currencies["currencies"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "XTK")!["minorUnits"]!.GetValue<int>());
        // A rate given as a JSON number keeps every decimal it was written with.
        Assert.Equal(["0.50", "0.000000000125"], exportA.Step("ExchangeRates")["rates"]!.AsArray().Select(r => r!["rate"]!.GetValue<string>()));
        var chart = exportA.Step("ChartOfAccounts");
        Assert.Equal(["1", "10", "1010", "4000", "4999"], Codes(chart["accounts"]!));
        Assert.False(Account(chart["accounts"]!.AsArray(), "4999")["active"]!.GetValue<bool>());
        Assert.Equal((4, "2025-03-31"), (chart["fiscalYearStartMonth"]!.GetValue<int>(), chart["lockDate"]!.GetValue<string>()));
        Assert.Contains("TOK", Codes(chart["journals"]!));
        // Importing the export again changes nothing.
        await beta.RunRecipeOrFailAsync(exportA.ToJsonString());
        Assert.Equal(RecipeClient.Canonical(exportA), RecipeClient.Canonical(await beta.ExportAsync("settings=false&roles=false&contentDefinitions=false&sources=Ledger,LedgerExchangeRates")));
    }

    [Fact]
    public async Task Bad_ledger_steps_are_refused_before_any_step_runs_each_error_naming_its_step_and_path()
    {
        var recipe = JsonNode.Parse($$"""
            {"name": "bad", "steps": [
              {{EnableLedger}},
              {"name": "Currencies", "baseCurrency": "EURO", "currencies": [{"code": "XAU", "name": "Gold"}, {"code": "JPY", "minorUnits": 2}]},
              {"name": "ExchangeRates", "rates": [
                {"currency": "USD", "date": "2026-01-01", "rate": "0.1234567890123"},
                {"currency": "USD", "date": "2026-01-02", "rate": -0.92},
                {"currency": "USD", "date": "2026-02-30", "rate": 1},
                {"currency": "USD", "date": "2026-01-03"}]},
              {"name": "ChartOfAccounts", "accounts": [
                {"code": "1000", "name": "Cash", "type": "assets"},
                {"code": "1100", "name": "Receivables", "type": "asset", "subtype": "payable"},
                {"code": "A", "name": "A", "type": "asset", "parent": "C"},
                {"code": "B", "name": "B", "type": "asset", "parent": "A"},
                {"code": "C", "name": "C", "type": "asset", "parent": "B"},
                {"code": "S", "name": "Self", "type": "asset", "parent": "S"},
                {"code": "4000", "name": "Sales", "type": "income", "parent": "B"},
                {"code": "1000", "name": "Cash again", "type": "asset"}],
               "journals": [{"code": "GEN", "name": "General", "type": "misc"}],
               "fiscalYearStartMonth": 13}
            ]}
            """)!;

        var problem = await (await Admin.RunRecipeAsync(recipe)).AssertFieldsAsync(HttpStatusCode.BadRequest,
            "steps[1].baseCurrency", "steps[1].currencies[0].minorUnits", "steps[1].currencies[1].minorUnits",
            "steps[2].rates[0].rate", "steps[2].rates[1].rate", "steps[2].rates[2].date", "steps[2].rates[3].rate",
            "steps[3].accounts[0].type", "steps[3].accounts[1].subtype", "steps[3].accounts[2].parent", "steps[3].accounts[3].parent",
            "steps[3].accounts[4].parent", "steps[3].accounts[5].parent", "steps[3].accounts[6].parent", "steps[3].accounts[7].code",
            "steps[3].journals[0].type", "steps[3].fiscalYearStartMonth");

        Assert.Equal("Invalid recipe", problem.Text("title"));
        Assert.StartsWith("Step 2 ('Currencies')", problem.Error("steps[1].currencies[0].minorUnits"));
        Assert.Contains("minorUnits is required for XAU", problem.Error("steps[1].currencies[0].minorUnits"));
        Assert.Contains("JPY has 0 decimals", problem.Error("steps[1].currencies[1].minorUnits"));
        Assert.StartsWith("Step 3 ('ExchangeRates')", problem.Error("steps[2].rates[0].rate"));
        Assert.Contains("at most 12 decimals", problem.Error("steps[2].rates[0].rate"));
        Assert.Contains("'-0.92'", problem.Error("steps[2].rates[1].rate"));
        Assert.StartsWith("Step 4 ('ChartOfAccounts')", problem.Error("steps[3].accounts[0].type"));
        Assert.Contains("'assets'", problem.Error("steps[3].accounts[0].type"));
        Assert.Contains("would loop", problem.Error("steps[3].accounts[2].parent"));
        Assert.Contains("would loop", problem.Error("steps[3].accounts[5].parent"));
        Assert.Contains("asset account", problem.Error("steps[3].accounts[6].parent"));
        Assert.DoesNotContain("ErpCrm.Ledger", (await Admin.GetFeatureStateAsync()).Enabled);
    }

    [Fact]
    public async Task A_chart_step_that_fails_while_running_leaves_none_of_its_accounts_journals_or_settings()
    {
        await Admin.RunRecipeOrFailAsync($$"""{"name": "on", "steps": [{{EnableLedger}}]}""");
        var before = await Admin.ExportAsync(LedgerOnly);
        var recipe = JsonNode.Parse("""
            {"name": "half", "steps": [
              {"name": "ChartOfAccounts", "accounts": [
                {"code": "1", "name": "Assets", "type": "asset"},
                {"code": "1000", "name": "Cash", "type": "asset", "subtype": "cash", "parent": "1"},
                {"code": "1100", "name": "Receivables", "type": "asset", "subtype": "receivable", "parent": "9999"},
                {"code": "1200", "name": "Cash in yen", "type": "asset", "currency": "JPY"}],
               "journals": [{"code": "NEW", "name": "New", "type": "general"}],
               "fiscalYearStartMonth": 7}
            ]}
            """)!;

        var problem = await (await Admin.RunRecipeAsync(recipe)).AssertFieldsAsync(HttpStatusCode.BadRequest, "steps[0].accounts[2].parent");

        Assert.Equal("Recipe step failed", problem.Text("title"));
        Assert.StartsWith("Step 1 ('ChartOfAccounts')", problem.Error("steps[0].accounts[2].parent"));
        Assert.Contains("9999", problem.Error("steps[0].accounts[2].parent"));
        Assert.Equal(RecipeClient.Canonical(before), RecipeClient.Canonical(await Admin.ExportAsync(LedgerOnly)));
        Assert.Empty(before.Step("ChartOfAccounts")["accounts"]!.AsArray());
    }

    [Fact]
    public async Task The_base_currency_cannot_change_once_entries_are_posted_and_the_failed_step_adds_none_of_its_currencies()
    {
        await RunByNameAsync("ledger-small-business");
        await Admin.PostEntryAsync(LedgerClient.Entry("GEN", "2026-01-15", "Capital paid in", true, LedgerClient.Dr("1010", "1000.00"), LedgerClient.Cr("3000", "1000.00")));
        var before = await Admin.ExportAsync(LedgerOnly);

        var problem = await (await Admin.RunRecipeAsync(JsonNode.Parse("""
            {"name": "dollars", "steps": [{"name": "Currencies", "baseCurrency": "USD", "currencies": [{"code": "CHF"}, {"code": "USD", "name": "Dollar"}]}]}
            """)!)).AssertFieldsAsync(HttpStatusCode.BadRequest, "steps[0].baseCurrency");

        Assert.StartsWith("Step 1 ('Currencies')", problem.Error("steps[0].baseCurrency"));
        Assert.Contains("once entries are posted", problem.Error("steps[0].baseCurrency"));
        Assert.Equal(RecipeClient.Canonical(before), RecipeClient.Canonical(await Admin.ExportAsync(LedgerOnly)));
        // The same base currency again is no change, and the chart's recipe still runs on books with entries.
        await RunByNameAsync("ledger-small-business");
    }

    [Fact]
    public async Task A_rate_for_the_base_currency_or_a_currency_the_ledger_lacks_fails_the_step_naming_the_rate()
    {
        await RunByNameAsync("ledger-small-business");

        var problem = await (await Admin.RunRecipeAsync(JsonNode.Parse("""
            {"name": "rates", "steps": [{"name": "ExchangeRates", "rates": [
              {"currency": "GBP", "date": "2026-02-01", "rate": 1.18}, {"currency": "EUR", "date": "2026-02-01", "rate": 1}, {"currency": "SEK", "date": "2026-02-01", "rate": "0.088"}]}]}
            """)!)).AssertFieldsAsync(HttpStatusCode.BadRequest, "steps[0].rates[1].currency");

        Assert.Contains("base currency", problem.Error("steps[0].rates[1].currency"));
        var rates = (await Admin.ExportAsync(LedgerOnly)).Step("ExchangeRates")["rates"]!.AsArray();
        Assert.DoesNotContain(rates, r => r!["date"]!.GetValue<string>() == "2026-02-01");
    }

    private async Task RunByNameAsync(string recipe)
    {
        var answer = await (await Admin.PostAsync("api/recipes/run", ContentClient.Json(new JsonObject { ["name"] = recipe }))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.All(answer.GetProperty("steps").EnumerateArray(), s => Assert.Equal("done", s.Text("status")));
    }

    /// <summary>GET /api/ledger/accounts: the chart by code.</summary>
    private async Task<Dictionary<string, JsonElement>> AccountsAsync() =>
        (await Admin.GetLedgerJsonAsync("api/ledger/accounts")).EnumerateArray().ToDictionary(a => a.Text("code"));

    private static List<string> Codes(JsonNode list) => list.AsArray().Select(i => i!["code"]!.GetValue<string>()).ToList();

    private static JsonObject Account(JsonArray accounts, string code) => accounts.Single(a => a!["code"]!.GetValue<string>() == code)!.AsObject();

    /// <summary>The codes above an account, from the root down.</summary>
    private static List<string> Ancestors(Dictionary<string, JsonElement> accounts, string code)
    {
        var up = new List<string>();
        for (var parent = accounts[code].GetProperty("parent"); parent.ValueKind == JsonValueKind.String; parent = accounts[parent.GetString()!].GetProperty("parent"))
        {
            up.Insert(0, parent.GetString()!);
        }
        return up;
    }
}

public sealed class SqliteLedgerRecipesHttpTests() : LedgerRecipesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLedgerRecipesHttpTests() : LedgerRecipesHttpTests(DatabaseProvider.Postgres);
