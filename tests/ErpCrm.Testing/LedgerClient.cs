using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ErpCrm.Testing;

/// <summary>The ledger's API as tests use it: a small chart, posting entries, reading them back.</summary>
public static class LedgerClient
{
    public const string Feature = "ErpCrm.Ledger";

    /// <summary>A line of an entry body: <c>Dr("1000", "50.00")</c>.</summary>
    public static object Dr(string account, object amount, string? contactId = null) => new { account, debit = amount, contactId };

    public static object Cr(string account, object amount, string? contactId = null) => new { account, credit = amount, contactId };

    /// <summary>An entry body.</summary>
    public static object Entry(string journal, string date, string reference, bool post, params object[] lines) => new { journal, date, reference, post, lines };

    /// <summary>Creates accounts: (code, name, type, subtype).</summary>
    public static async Task CreateAccountsAsync(this HttpClient admin, params (string Code, string Name, string Type, string? Subtype)[] accounts)
    {
        foreach (var (code, name, type, subtype) in accounts)
        {
            using var response = await admin.PostJsonAsync("api/ledger/accounts", new { code, name, type, subtype });
            await response.ReadJsonAsync(HttpStatusCode.Created);
        }
    }

    /// <summary>The accounts of a small trading company (base currency USD, the ledger's default).</summary>
    public static Task CreateSmallChartAsync(this HttpClient admin) => admin.CreateAccountsAsync(
        ("1000", "Cash", "asset", "cash"), ("1100", "Bank", "asset", "bank"), ("1200", "Receivables", "asset", "receivable"),
        ("1300", "Stock", "asset", "stock"), ("1500", "Equipment", "asset", "fixed_asset"), ("1590", "Accumulated depreciation", "asset", "depreciation"),
        ("2000", "Payables", "liability", "payable"), ("2100", "Sales tax payable", "liability", "tax"), ("3000", "Share capital", "equity", "equity"),
        ("3900", "Retained earnings", "equity", "retained_earnings"), ("4000", "Sales", "income", "revenue"), ("5000", "Cost of goods sold", "expense", "cost_of_sales"),
        ("6100", "Rent", "expense", "operating_expense"), ("6800", "Depreciation", "expense", "depreciation"));

    /// <summary>POSTs an entry and insists on 201; its JSON.</summary>
    public static async Task<JsonElement> PostEntryAsync(this HttpClient client, object entry)
    {
        using var response = await client.PostJsonAsync("api/ledger/entries", entry);
        return await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> GetEntryAsync(this HttpClient client, long id)
    {
        using var response = await client.GetAsync($"api/ledger/entries/{id}");
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    public static async Task<JsonElement> GetLedgerJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>
    /// Base EUR (plus <paramref name="moreCurrencies"/>); USD at 0.92 from 2026-01-01 and 0.95 from 2026-02-01; a dollar bank (1110), a
    /// dollar receivable (1210) and exchange gains (7900). Call on the small chart, before anything is posted.
    /// </summary>
    public static async Task UseEuroWithDollarRatesAsync(this HttpClient admin, params string[] moreCurrencies)
    {
        foreach (var currency in new[] { "EUR" }.Concat(moreCurrencies))
        {
            using var added = await admin.PostJsonAsync("api/ledger/currencies", new { code = currency });
            await added.ReadJsonAsync(HttpStatusCode.OK);
        }
        using var settings = await admin.PutJsonAsync("api/ledger/settings", JsonNode.Parse("""{"baseCurrency": "EUR"}""")!);
        await settings.ReadJsonAsync(HttpStatusCode.OK);
        using var usd = await admin.PostJsonAsync("api/ledger/currencies", new { code = "USD" });
        await usd.ReadJsonAsync(HttpStatusCode.OK);
        foreach (var (date, rate) in new[] { ("2026-01-01", (object)"0.92"), ("2026-02-01", 0.95m) })
        {
            using var set = await admin.PostJsonAsync("api/ledger/exchange-rates", new { currency = "USD", date, rate });
            await set.ReadJsonAsync(HttpStatusCode.OK);
        }
        await admin.CreateAccountsAsync(("7900", "Exchange gains", "income", "exchange_difference"));
        foreach (var (code, name, subtype) in new[] { ("1110", "Bank USD", "bank"), ("1210", "Receivables USD", "receivable") })
        {
            using var created = await admin.PostJsonAsync("api/ledger/accounts", new { code, name, type = "asset", subtype, currency = "USD" });
            await created.ReadJsonAsync(HttpStatusCode.Created);
        }
    }

    public static long Id(this JsonElement entry) => entry.GetProperty("id").GetInt64();
}
