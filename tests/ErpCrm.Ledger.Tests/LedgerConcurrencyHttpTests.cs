using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Testing;
using Xunit.Abstractions;
using static ErpCrm.Testing.LedgerClient;
using static ErpCrm.Testing.LedgerReportReader;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// The ledger under concurrent and repeated calls: batches and single posts racing into one journal, a year-end close racing the
/// postings into its year, and retried calls with an Idempotency-Key on /entries/batch and /reverse.
/// </summary>
public abstract class LedgerConcurrencyHttpTests(DatabaseProvider provider, ITestOutputHelper output) : SetUpHostTests(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
    }

    [Fact]
    public async Task Eight_writers_posting_batches_and_single_entries_at_once_get_gapless_unique_numbers_and_exact_totals()
    {
        const int writers = 8, rounds = 3, batchSize = 5, singles = 2;
        var go = new TaskCompletionSource();
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await go.Task;
            for (var round = 0; round < rounds; round++)
            {
                // Four sales and one general entry per batch, so that batches lock two journals' chains at once.
                var batch = Enumerable.Range(0, batchSize).Select(i => i == (w % batchSize)
                    ? Entry("GEN", "2026-05-02", $"w{w} r{round} gen", true, Dr("6100", Amount(Cents(w, round, i))), Cr("1100", Amount(Cents(w, round, i))))
                    : Entry("SAL", "2026-05-01", $"w{w} r{round} b{i}", true, Dr("1000", Amount(Cents(w, round, i))), Cr("4000", Amount(Cents(w, round, i)))));
                var posted = await Admin.PostBatchAsync(batch);
                Assert.Equal(batchSize, posted.Count);
                for (var s = 0; s < singles; s++)
                {
                    var amount = Amount(Cents(w, round, batchSize + s));
                    await Admin.PostEntryAsync(Entry("SAL", "2026-05-01", $"w{w} r{round} s{s}", true, Dr("1000", amount), Cr("4000", amount)));
                }
            }
        })).ToList();
        go.SetResult();
        await Task.WhenAll(writing);

        var sales = await EntriesAsync("SAL");
        var general = await EntriesAsync("GEN");
        const int generalCount = writers * rounds;
        const int salesCount = writers * rounds * (batchSize + singles) - generalCount;
        Assert.Equal(Enumerable.Range(1, salesCount).Select(n => $"SAL/2026/{n:0000}"), sales.Select(e => e.Text("number")).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, generalCount).Select(n => $"GEN/2026/{n:0000}"), general.Select(e => e.Text("number")).Order(StringComparer.Ordinal));
        Assert.Equal(salesCount + generalCount, sales.Concat(general).Select(e => e.Id()).Distinct().Count());
        var all = Enumerable.Range(0, writers).SelectMany(w => Enumerable.Range(0, rounds).SelectMany(r => Enumerable.Range(0, batchSize + singles)
            .Select(i => (General: i == w % batchSize, Cents: Cents(w, r, i))))).ToList();
        Assert.Equal(all.Where(x => !x.General).Sum(x => x.Cents), sales.Sum(e => e.Cents("total")));
        Assert.Equal(all.Where(x => x.General).Sum(x => x.Cents), general.Sum(e => e.Cents("total")));
        var trial = await Admin.ReportAsync("trial-balance?from=2026-01-01&to=2026-12-31");
        var byAccount = trial.GetProperty("lines").EnumerateArray().ToDictionary(l => l.Text("account"));
        Assert.Equal(Amount(all.Where(x => !x.General).Sum(x => x.Cents)), byAccount["1000"].Text("debit"));
        Assert.Equal(Amount(all.Where(x => x.General).Sum(x => x.Cents)), byAccount["6100"].Text("closing"));
        Assert.Equal(trial.GetProperty("totals").Text("debit"), trial.GetProperty("totals").Text("credit"));
        var verify = await Admin.AssertVerifiedAsync();
        Assert.Equal(salesCount + generalCount, verify.GetProperty("entries").GetInt64());

        // Distinct amounts per writer, round and entry (100.01 to 802.07), never twice the same.
        static long Cents(int writer, int round, int index) => (writer + 1) * 10_000 + round * 100 + index + 1;
    }

    [Fact]
    public async Task A_year_end_close_racing_postings_into_its_year_carries_every_posting_it_let_in_and_refuses_the_rest()
    {
        const int posters = 8;
        await Admin.PostEntryAsync(Entry("GEN", "2026-01-02", "Capital", true, Dr("1100", "50000"), Cr("3000", "50000")));
        await Admin.PostEntryAsync(Entry("SAL", "2026-01-03", "First sale", true, Dr("1000", "1000"), Cr("4000", "1000")));
        var accepted = new ConcurrentBag<(long Id, long Cents, string Date)>();
        var refusals = new ConcurrentBag<string>();
        var go = new TaskCompletionSource();
        var closeTask = Task.Run(async () =>
        {
            await go.Task;
            return await Admin.PostAsync("api/ledger/fiscal-years/2026/close", null);
        });
        var posting = Enumerable.Range(0, posters).Select(p => Task.Run(async () =>
        {
            await go.Task;
            for (var i = 0; ; i++)
            {
                // Whatever is sent once the close has answered must be refused: nothing may slip into the closed year.
                var sentAfterTheClose = closeTask.IsCompleted;
                var entries = Enumerable.Range(0, i % 4 == 3 ? 3 : 1).Select(k =>
                {
                    var cents = (p + 1) * 1_000_000L + i * 10 + k + 1;
                    var date = new DateOnly(2026, 1, 4).AddDays((p * 37 + i * 11 + k) % 361).ToString("yyyy-MM-dd");
                    return (Cents: cents, Date: date, Body: Entry(p % 2 == 0 ? "SAL" : "CSH", date, $"p{p} #{i}.{k}", true, Dr("1000", Amount(cents)), Cr("4000", Amount(cents))));
                }).ToList();
                using var response = entries.Count == 1
                    ? await Admin.PostJsonAsync("api/ledger/entries", entries[0].Body)
                    : await Admin.PostJsonAsync("api/ledger/entries/batch", new { entries = entries.Select(e => e.Body).ToArray() });
                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    refusals.Add((await response.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!);
                    return;
                }
                var answer = await response.ReadJsonAsync(entries.Count == 1 ? HttpStatusCode.Created : HttpStatusCode.OK);
                Assert.False(sentAfterTheClose, $"poster {p} posted {answer.GetRawText()} into 2026 after its close had answered");
                List<long> ids = entries.Count == 1 ? [answer.Id()] : answer.EnumerateArray().Select(e => e.Id()).ToList();
                foreach (var (entry, id) in entries.Zip(ids))
                {
                    accepted.Add((id, entry.Cents, entry.Date));
                }
            }
        })).ToList();
        go.SetResult();
        await Task.WhenAll(posting);
        using var closed = await closeTask;

        var year = await closed.ReadJsonAsync(HttpStatusCode.OK);
        output.WriteLine($"{accepted.Count} entries posted into 2026 while the close ran, then {refusals.Count} refused");
        Assert.Equal(posters, refusals.Count);
        Assert.All(refusals, detail => Assert.Matches("closed|locked", detail));
        var result = 100_000 + accepted.Sum(a => a.Cents);
        var closingEntry = await Admin.GetEntryAsync(year.GetProperty("closingEntryId").GetInt64());
        Assert.Equal([("4000", Amount(result), "0.00"), ("3900", "0.00", Amount(result))],
            closingEntry.GetProperty("lines").EnumerateArray().Select(l => (l.Text("account"), l.Text("debit"), l.Text("credit"))));
        var profitAndLoss = await Admin.ReportAsync("profit-and-loss?from=2026-01-01&to=2026-12-31");
        Assert.Equal(Amount(result), profitAndLoss.Text("result"));
        // Had anything been posted into 2026 after the close, sales would not be back at zero at the year's end.
        var trial = await Admin.ReportAsync("trial-balance?from=2026-01-01&to=2026-12-31");
        var sales = trial.GetProperty("lines").EnumerateArray().Single(l => l.Text("account") == "4000");
        Assert.Equal((Amount(result), Amount(result), "0.00"), (sales.Text("debit"), sales.Text("credit"), sales.Text("closing")));
        Assert.Equal(Amount(result), trial.GetProperty("lines").EnumerateArray().Single(l => l.Text("account") == "3900").Text("credit"));
        var posted = (await EntriesAsync("SAL")).Concat(await EntriesAsync("CSH")).Where(e => e.Text("reference") != "First sale").ToList();
        Assert.Equal(accepted.Select(a => a.Id).Order(), posted.Select(e => e.Id()).Order());
        Assert.All(posted, e => Assert.StartsWith("2026-", e.Text("date")));
        await Admin.PostEntryAsync(Entry("SAL", "2027-01-04", "Next year", true, Dr("1000", "10"), Cr("4000", "10")));
        await Admin.AssertVerifiedAsync();
    }

    [Fact]
    public async Task A_batch_replayed_with_its_idempotency_key_answers_the_first_entries_again_and_posts_nothing_new()
    {
        object Batch(string reference) => new
        {
            entries = Enumerable.Range(1, 3).Select(i => Entry("SAL", $"2026-06-0{i}", $"{reference} {i}", true, Dr("1000", $"{i}0.00"), Cr("4000", $"{i}0.00"))).ToArray(),
        };
        using var first = await Admin.PostWithKeyAsync("api/ledger/entries/batch", Batch("first"), "batch-1");
        var firstBody = await first.Content.ReadAsStringAsync();
        using var again = await Admin.PostWithKeyAsync("api/ledger/entries/batch", Batch("first"), "batch-1");
        using var reused = await Admin.PostWithKeyAsync("api/ledger/entries/batch", Batch("other"), "batch-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(["SAL/2026/0001", "SAL/2026/0002", "SAL/2026/0003"], JsonDocument.Parse(firstBody).RootElement.EnumerateArray().Select(e => e.Text("number")));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        await reused.AssertFieldsAsync(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        Assert.Equal(3, (await Admin.GetLedgerJsonAsync("api/ledger/entries")).GetProperty("total").GetInt64());

        // Retries racing each other: one posts, the others wait for it and answer what it posted.
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Admin.PostWithKeyAsync("api/ledger/entries/batch", Batch("retried"), "batch-2")));
        var bodies = await Task.WhenAll(racing.Select(r => r.Content.ReadAsStringAsync()));

        Assert.All(racing, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Equal(["SAL/2026/0004", "SAL/2026/0005", "SAL/2026/0006"], JsonDocument.Parse(bodies[0]).RootElement.EnumerateArray().Select(e => e.Text("number")));
        Assert.Equal(6, (await Admin.GetLedgerJsonAsync("api/ledger/entries")).GetProperty("total").GetInt64());
        Assert.Equal("120.00", (await Admin.ReportAsync("trial-balance?from=2026-01-01&to=2026-12-31")).GetProperty("lines").EnumerateArray()
            .Single(l => l.Text("account") == "1000").Text("closing"));
        await Admin.AssertVerifiedAsync();
    }

    [Fact]
    public async Task A_reversal_replayed_with_its_idempotency_key_answers_the_same_reversal_while_a_new_request_is_refused()
    {
        var rent = await Admin.PostEntryAsync(Entry("GEN", "2026-03-01", "Rent", true, Dr("6100", "300"), Cr("1100", "300")));
        var fee = await Admin.PostEntryAsync(Entry("GEN", "2026-03-02", "Fee", true, Dr("6100", "25"), Cr("1100", "25")));

        using var first = await Admin.PostWithKeyAsync($"api/ledger/entries/{rent.Id()}/reverse", new { date = "2026-03-31" }, "reverse-rent");
        var reversal = await first.ReadJsonAsync(HttpStatusCode.Created);
        using var again = await Admin.PostWithKeyAsync($"api/ledger/entries/{rent.Id()}/reverse", new { date = "2026-03-31" }, "reverse-rent");
        using var fresh = await Admin.PostWithKeyAsync($"api/ledger/entries/{rent.Id()}/reverse", new { date = "2026-03-31" }, "reverse-rent-2");

        Assert.Equal(reversal.Id(), (await again.ReadJsonAsync(HttpStatusCode.Created)).Id());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Contains("already reversed", (await fresh.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(reversal.Id(), (await Admin.GetEntryAsync(rent.Id())).GetProperty("reversedBy").GetInt64());

        // Retries of one reversal racing each other post it once.
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Admin.PostWithKeyAsync($"api/ledger/entries/{fee.Id()}/reverse", new { date = "2026-03-31" }, "reverse-fee")));
        var ids = new List<long>();
        foreach (var response in racing)
        {
            ids.Add((await response.ReadJsonAsync(HttpStatusCode.Created)).Id());
        }

        Assert.Single(ids.Distinct());
        Assert.Equal(4, (await Admin.GetLedgerJsonAsync("api/ledger/entries")).GetProperty("total").GetInt64());
        Assert.Equal(["GEN/2026/0001", "GEN/2026/0002", "GEN/2026/0003", "GEN/2026/0004"],
            (await EntriesAsync("GEN")).Select(e => e.Text("number")).Order(StringComparer.Ordinal));
        Assert.DoesNotContain((await Admin.ReportAsync("trial-balance?from=2026-01-01&to=2026-12-31")).GetProperty("lines").EnumerateArray(),
            l => l.Text("closing") != "0.00");
        await Admin.AssertVerifiedAsync();
    }

    /// <summary>Every entry of a journal (up to 1,000), across pages.</summary>
    /// <summary>Every entry of the journal, page after page (a fast machine posts thousands while a close runs).</summary>
    private async Task<IReadOnlyList<JsonElement>> EntriesAsync(string journal)
    {
        var entries = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var answer = await Admin.GetLedgerJsonAsync($"api/ledger/entries?journal={journal}&pageSize=200&page={page}");
            var items = answer.GetProperty("items").EnumerateArray().ToList();
            entries.AddRange(items);
            if (items.Count < 200 || entries.Count >= answer.GetProperty("total").GetInt64())
            {
                return entries;
            }
        }
    }
}

public sealed class SqliteLedgerConcurrencyHttpTests(ITestOutputHelper output) : LedgerConcurrencyHttpTests(DatabaseProvider.Sqlite, output);

public sealed class PostgresLedgerConcurrencyHttpTests(ITestOutputHelper output) : LedgerConcurrencyHttpTests(DatabaseProvider.Postgres, output);
