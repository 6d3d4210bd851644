using System.Net;
using System.Text.Json.Nodes;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Web.Tests;

/// <summary>
/// The ledger's recipe steps (Currencies, ExchangeRates, ChartOfAccounts), the charts the repository ships, and the ledger's
/// configuration exported back to a recipe. The ledger is read back through the export.
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
        Assert.Equal("EUR", first.Step("Currencies")["baseCurrency"]!.GetValue<string>());
        Assert.Equal(["EUR", "GBP", "USD"], Codes(first.Step("Currencies")["currencies"]!));
        var accounts = first.Step("ChartOfAccounts")["accounts"]!.AsArray();
        Assert.Equal(26, accounts.Count);
        Assert.Equal("1500", Account(accounts, "1510")["parent"]!.GetValue<string>());
        Assert.Equal("USD", Account(accounts, "1020")["currency"]!.GetValue<string>());
        Assert.Equal("retained_earnings", Account(accounts, "3100")["subtype"]!.GetValue<string>());
        Assert.Equal("receivable", Account(accounts, "1100")["subtype"]!.GetValue<string>());
        Assert.Equal(["BNK", "CSH", "GEN", "PUR", "SAL"], Codes(first.Step("ChartOfAccounts")["journals"]!));
        var usd = first.Step("ExchangeRates")["rates"]!.AsArray().Single(r => r!["currency"]!.GetValue<string>() == "USD")!;
        Assert.Equal(("2026-01-01", "0.92"), (usd["date"]!.GetValue<string>(), usd["rate"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_standard_chart_builds_its_tree_of_classes_groups_and_posting_accounts_and_runs_again_to_the_same_ledger()
    {
        await RunByNameAsync("ledger-standard-chart");
        var first = await Admin.ExportAsync(LedgerOnly);
        await RunByNameAsync("ledger-standard-chart");
        var second = await Admin.ExportAsync(LedgerOnly);

        Assert.Equal(RecipeClient.Canonical(first), RecipeClient.Canonical(second));
        var accounts = first.Step("ChartOfAccounts")["accounts"]!.AsArray();
        Assert.Equal(122, accounts.Count);
        Assert.Equal(["1", "10", "100"], Ancestors(accounts, "1000"));
        Assert.Equal(["1", "11", "150"], Ancestors(accounts, "1590"));
        Assert.Equal(["4", "41"], Ancestors(accounts, "4900"));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], accounts.Where(a => a!["parent"] is null).Select(a => a!["code"]!.GetValue<string>()));
        // The export lists the tree parents first, so it can be run again as it is.
        var position = accounts.Select((a, i) => (Code: a!["code"]!.GetValue<string>(), i)).ToDictionary(p => p.Code, p => p.i);
        Assert.All(accounts, a => Assert.True(a!["parent"] is null || position[a["parent"]!.GetValue<string>()] < position[a["code"]!.GetValue<string>()]));
        Assert.Equal("EUR", first.Step("Currencies")["baseCurrency"]!.GetValue<string>());
        Assert.Contains("OPN", Codes(first.Step("ChartOfAccounts")["journals"]!));
        Assert.Equal("Bank (US dollars)", first.Step("ChartOfAccounts")["journals"]!.AsArray().Single(j => j!["code"]!.GetValue<string>() == "BNKUSD")!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_standard_chart_sets_up_a_new_tenant_and_the_small_chart_run_over_it_brings_shared_codes_up_to_date()
    {
        var tenant = await Host.SetUpTenantAsync("Books", prefix: "books", recipe: "ledger-standard-chart");
        await tenant.RunRecipeOrFailAsync("""{"name": "both", "steps": [{"name": "recipes", "Values": [{"executionid": "x", "name": "ledger-small-business"}]}]}""");

        var accounts = (await tenant.ExportAsync(LedgerOnly)).Step("ChartOfAccounts")["accounts"]!.AsArray();

        // The small chart's codes that the standard chart has too are brought up to date; its own are added.
        Assert.Equal("Accounts receivable", Account(accounts, "1100")["name"]!.GetValue<string>());
        Assert.Equal("110", Account(accounts, "1100")["parent"]!.GetValue<string>());
        Assert.Contains(accounts, a => a!["code"]!.GetValue<string>() == "2500");
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
        var beta = await Host.SetUpTenantAsync("Beta", prefix: "beta");
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
        var posted = await Host.InTenantAsync(TenantInfo.DefaultName, services => services.GetRequiredService<ILedgerPostingService>().PostAsync(
            new EntryDraft("GEN", new DateOnly(2026, 1, 15), "Capital paid in", [new LineDraft("1010", 1_000_00, 0), new LineDraft("3000", 0, 1_000_00)]),
            CancellationToken.None));
        Assert.True(posted.Outcome == ErpCrm.Content.ContentOutcome.Done, posted.Detail);
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

    private static List<string> Codes(JsonNode list) => list.AsArray().Select(i => i!["code"]!.GetValue<string>()).ToList();

    private static JsonObject Account(JsonArray accounts, string code) => accounts.Single(a => a!["code"]!.GetValue<string>() == code)!.AsObject();

    /// <summary>The codes above an account, from the root down.</summary>
    private static List<string> Ancestors(JsonArray accounts, string code)
    {
        var up = new List<string>();
        for (var parent = Account(accounts, code)["parent"]; parent is not null; parent = Account(accounts, parent.GetValue<string>())["parent"])
        {
            up.Insert(0, parent.GetValue<string>());
        }
        return up;
    }
}

public sealed class SqliteLedgerRecipesHttpTests() : LedgerRecipesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresLedgerRecipesHttpTests() : LedgerRecipesHttpTests(DatabaseProvider.Postgres);
