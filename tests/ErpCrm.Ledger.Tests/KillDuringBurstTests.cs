using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;
using static ErpCrm.Testing.LedgerReportReader;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// The host process killed with SIGKILL in the middle of a burst of postings from several clients, then started again on the same
/// data: every entry it answered 201 is there, with the number it was answered with, and the books balance and verify. Entries that
/// committed but whose answer the kill cut off may be there too; nothing else is.
/// </summary>
public abstract class KillDuringBurstTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const int Clients = 8;

    /// <summary>Entries answered before the kill: enough that commits were in flight and grouped when it came.</summary>
    private const int AnsweredBeforeKill = 120;

    private readonly CliSession _cli = new();
    private string? _postgres;

    public async Task InitializeAsync()
    {
        string[] engine = [];
        if (provider == DatabaseProvider.Postgres)
        {
            _postgres = await TestPostgres.CreateDatabaseAsync();
            engine = ["--database", "postgres", "--connection-string", _postgres];
        }
        await _cli.SucceedAsync(["setup", "--recipe", "ledger-small-business", "--admin-password", TestHost.AdminPassword, .. engine]);
    }

    [Fact]
    public async Task No_entry_answered_201_is_lost_and_the_books_balance_after_a_kill_during_a_burst()
    {
        var token = (await _cli.SucceedAsync("tokens", "create", "--user", "admin")).StdoutLines.Single();
        var answered = new ConcurrentDictionary<string, (long Id, string Number)>();
        await using (var first = await HostProcess.StartAsync(_cli.DataDirectory))
        {
            var killed = new TaskCompletionSource();
            var posting = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
            {
                using var http = first.CreateClient(token);
                for (var i = 0; !killed.Task.IsCompleted; i++)
                {
                    var reference = $"c{client}-{i}";
                    var amount = Amount(client * 1000 + i + 1);
                    try
                    {
                        using var response = await http.PostJsonAsync("api/ledger/entries", Entry("GEN", "2026-03-02", reference, true, Dr("1000", amount), Cr("4000", amount)));
                        if (response.StatusCode != HttpStatusCode.Created)
                        {
                            Assert.True(killed.Task.IsCompleted, $"{reference} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                            return;
                        }
                        var entry = await response.ReadJsonAsync(HttpStatusCode.Created);
                        answered[reference] = (entry.Id(), entry.GetProperty("number").GetString()!);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && killed.Task.IsCompleted)
                    {
                        return;
                    }
                }
            })).ToList();
            while (answered.Count < AnsweredBeforeKill && posting.All(p => !p.IsCompleted))
            {
                await Task.Delay(5);
            }
            killed.SetResult();
            await first.KillAsync();
            await Task.WhenAll(posting);
        }
        Assert.True(answered.Count >= AnsweredBeforeKill, $"Only {answered.Count} entries were answered before the clients stopped.");

        await using var second = await HostProcess.StartAsync(_cli.DataDirectory);
        using var admin = second.CreateClient(token);
        var stored = await AllEntriesAsync(admin);
        foreach (var (reference, (id, number)) in answered)
        {
            Assert.True(stored.TryGetValue(reference, out var entry), $"{reference} ({number}) was answered 201 before the kill and is gone.");
            Assert.Equal((id, number), (entry.Id(), entry.GetProperty("number").GetString()));
        }
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(n => $"GEN/2026/{n:0000}"),
            stored.Values.Select(e => e.GetProperty("number").GetString()).Order(StringComparer.Ordinal));
        var trial = await admin.ReportAsync("trial-balance?from=2026-01-01&to=2026-12-31");
        Assert.Equal(trial.GetProperty("totals").Text("debit"), trial.GetProperty("totals").Text("credit"));
        Assert.Equal(Amount(stored.Values.Sum(e => e.Cents("total"))), trial.GetProperty("totals").Text("debit"));
        Assert.Equal(stored.Count, (await admin.AssertVerifiedAsync()).GetProperty("entries").GetInt64());
    }

    private static async Task<Dictionary<string, JsonElement>> AllEntriesAsync(HttpClient admin)
    {
        var entries = new Dictionary<string, JsonElement>();
        for (var page = 1; ; page++)
        {
            var answer = await admin.GetLedgerJsonAsync($"api/ledger/entries?journal=GEN&pageSize=200&page={page}");
            var items = answer.GetProperty("items").EnumerateArray().ToList();
            foreach (var item in items)
            {
                entries.Add(item.GetProperty("reference").GetString()!, item);
            }
            if (items.Count < 200)
            {
                return entries;
            }
        }
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        if (_postgres is not null)
        {
            await TestPostgres.DropDatabaseAsync(_postgres);
        }
    }
}

public sealed class SqliteKillDuringBurstTests() : KillDuringBurstTests(DatabaseProvider.Sqlite);

public sealed class PostgresKillDuringBurstTests() : KillDuringBurstTests(DatabaseProvider.Postgres);
