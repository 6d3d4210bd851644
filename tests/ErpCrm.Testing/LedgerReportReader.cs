using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ErpCrm.Testing;

/// <summary>
/// Reading the ledger's reports in tests: a report by path, its sections and lines as short strings to compare whole, and its amount
/// strings as minor units (the base currency of these tests has two decimals).
/// </summary>
public static class LedgerReportReader
{
    /// <summary>GET /api/ledger/reports/{pathAndQuery}, insisting on 200.</summary>
    public static Task<JsonElement> ReportAsync(this HttpClient client, string pathAndQuery) => client.GetLedgerJsonAsync("api/ledger/reports/" + pathAndQuery);

    /// <summary>Trial balance lines as "account name opening debit credit closing".</summary>
    public static IReadOnlyList<string> TrialBalanceLines(JsonElement report) =>
        report.GetProperty("lines").EnumerateArray()
            .Select(l => string.Join(' ', l.Text("account"), l.Text("name"), l.Text("opening"), l.Text("debit"), l.Text("credit"), l.Text("closing")))
            .ToList();

    /// <summary>A report section's lines as "account name amount".</summary>
    public static IReadOnlyList<string> Accounts(JsonElement section) =>
        section.GetProperty("lines").EnumerateArray().Select(l => $"{l.Text("account")} {l.Text("name")} {l.Text("amount")}").ToList();

    /// <summary>A profit and loss's months as "yyyy-MM income expense result".</summary>
    public static IReadOnlyList<string> Months(JsonElement report) =>
        report.GetProperty("months").EnumerateArray().Select(m => $"{m.Text("month")} {m.Text("income")} {m.Text("expense")} {m.Text("result")}").ToList();

    /// <summary>Aged amounts as "notDue 1-30 31-60 61-90 over90 total".</summary>
    public static string Buckets(JsonElement amounts) =>
        string.Join(' ', new[] { "notDue", "days1To30", "days31To60", "days61To90", "over90", "total" }.Select(k => amounts.Text(k)));

    /// <summary>An amount string of a two-decimal currency ("-1234.50") in minor units; anything else fails the test.</summary>
    public static long Cents(string amount)
    {
        Assert.Matches(@"^-?\d+\.\d{2}$", amount);
        return (long)(decimal.Parse(amount, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * 100);
    }

    /// <summary>The amount property of an element in minor units.</summary>
    public static long Cents(this JsonElement element, string property) => Cents(element.Text(property));

    /// <summary>Minor units as the API writes them: "-1234.50".</summary>
    public static string Amount(long cents) =>
        (cents < 0 ? "-" : "") + (Math.Abs(cents) / 100).ToString(CultureInfo.InvariantCulture) + "." + (Math.Abs(cents) % 100).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>Sends a POST with a JSON body and, when given, an Idempotency-Key.</summary>
    public static Task<HttpResponseMessage> PostWithKeyAsync(this HttpClient client, string path, object? body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request);
    }

    /// <summary>POST /api/ledger/entries/batch, insisting on 200; the entries posted.</summary>
    public static async Task<IReadOnlyList<JsonElement>> PostBatchAsync(this HttpClient client, IEnumerable<object> entries)
    {
        using var response = await client.PostJsonAsync("api/ledger/entries/batch", new { entries = entries.ToArray() });
        return (await response.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
    }

    /// <summary>GET /api/ledger/verify, insisting that it finds nothing wrong (its answer is in the failure message).</summary>
    public static async Task<JsonElement> AssertVerifiedAsync(this HttpClient client, string? context = null)
    {
        var verify = await client.GetLedgerJsonAsync("api/ledger/verify");
        Assert.True(verify.GetProperty("ok").GetBoolean() && verify.GetProperty("problems").GetArrayLength() == 0,
            $"{context}verify found problems: {verify.GetRawText()}");
        return verify;
    }
}
