using System.Collections.Concurrent;
using System.Net;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerClient;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// Units of work that reach commit together (their commits share an fsync) keep their own outcome: a unit that fails after it
/// wrote rolls back alone, in the middle of a burst of units that succeed around it.
/// </summary>
public abstract class GroupCommitHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync("Test.LedgerEvents");
        await Admin.CreateSmallChartAsync();
    }

    [Fact]
    public async Task A_unit_failing_after_its_write_in_the_middle_of_a_burst_takes_only_its_own_work_with_it()
    {
        // Each request writes a note, then posts a cash sale in the same unit of work; every fourth sale does not balance, so that
        // unit fails after its note was written, while the others around it commit.
        const int requests = 24;
        var go = new TaskCompletionSource();
        var answers = new ConcurrentBag<(int Request, HttpStatusCode Status)>();
        var sending = Enumerable.Range(0, requests).Select(request => Task.Run(async () =>
        {
            await go.Task;
            var cents = request % 4 == 2 ? 99 : 100;
            using var response = await Admin.PostAsync($"api/test/note-with-sale?text=r{request:00}&cents={cents}", null);
            answers.Add((request, response.StatusCode));
        })).ToList();
        go.SetResult();
        await Task.WhenAll(sending);

        var failing = Enumerable.Range(0, requests).Where(r => r % 4 == 2).ToHashSet();
        Assert.All(answers, a => Assert.Equal(failing.Contains(a.Request) ? HttpStatusCode.BadRequest : HttpStatusCode.OK, a.Status));
        var committed = Enumerable.Range(0, requests).Where(r => !failing.Contains(r)).Select(r => $"r{r:00}").ToList();
        Assert.Equal(committed, (await Admin.GetNotesAsync()).Order(StringComparer.Ordinal));
        var entries = (await Admin.GetLedgerJsonAsync("api/ledger/entries?journal=SAL&pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(committed, entries.Select(e => e.GetProperty("reference").GetString()).Order(StringComparer.Ordinal));
        // The failed units took no number: the journal's numbers stay gapless.
        Assert.Equal(Enumerable.Range(1, committed.Count).Select(n => $"SAL/2026/{n:0000}"),
            entries.Select(e => e.GetProperty("number").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(committed.Count, (await Admin.AssertVerifiedAsync()).GetProperty("entries").GetInt64());
    }
}

public sealed class SqliteGroupCommitHttpTests() : GroupCommitHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresGroupCommitHttpTests() : GroupCommitHttpTests(DatabaseProvider.Postgres);
