using ErpCrm.Core.Data;
using Microsoft.Data.Sqlite;

namespace ErpCrm.Core.Tests;

/// <summary>
/// The SQLite commit queue: writers take turns in order, a commit alone is flushed at once, commits that arrive during an fsync share
/// the next one, and a failed fsync never reports a commit durable. The fsync is held by a gate where a test needs commits to overlap.
/// </summary>
public sealed class SqliteCommitQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_commit_alone_is_flushed_at_once_on_the_callers_thread()
    {
        var syncs = 0;
        var queue = new SqliteCommitQueue("alone.db", _ => syncs++);

        var durable = queue.WaitDurableAsync(queue.Committed(), CancellationToken.None);

        Assert.True(durable.IsCompletedSuccessfully);
        Assert.Equal(1, syncs);
        await queue.WaitDurableAsync(1, CancellationToken.None);
        Assert.Equal(1, syncs);
        Assert.Equal((1, 1), queue.Counts);
    }

    [Fact]
    public async Task Commits_that_arrive_during_an_fsync_wait_for_the_next_one_and_share_it()
    {
        using var firstSyncEntered = new ManualResetEventSlim();
        using var releaseFirstSync = new ManualResetEventSlim();
        var syncs = 0;
        var queue = new SqliteCommitQueue("group.db", _ =>
        {
            if (Interlocked.Increment(ref syncs) == 1)
            {
                firstSyncEntered.Set();
                Assert.True(releaseFirstSync.Wait(Patience));
            }
        });
        var first = Task.Run(() => queue.WaitDurableAsync(queue.Committed(), CancellationToken.None));
        Assert.True(firstSyncEntered.Wait(Patience));

        var followers = Enumerable.Range(0, 5).Select(_ => queue.WaitDurableAsync(queue.Committed(), CancellationToken.None)).ToList();

        // The fsync running began before these commits: it cannot cover them, so they wait.
        Assert.All(followers, follower => Assert.False(follower.IsCompleted));
        releaseFirstSync.Set();
        await first.WaitAsync(Patience);
        await Task.WhenAll(followers).WaitAsync(Patience);
        Assert.Equal(2, syncs);
        Assert.Equal((6, 2), queue.Counts);
    }

    [Fact]
    public async Task A_commit_that_an_fsync_running_already_covers_waits_for_that_one_only()
    {
        using var syncEntered = new ManualResetEventSlim();
        using var releaseSync = new ManualResetEventSlim();
        var syncs = 0;
        var queue = new SqliteCommitQueue("covered.db", _ =>
        {
            Interlocked.Increment(ref syncs);
            syncEntered.Set();
            Assert.True(releaseSync.Wait(Patience));
        });
        var early = queue.Committed();
        var late = queue.Committed();
        var leader = Task.Run(() => queue.WaitDurableAsync(late, CancellationToken.None));
        Assert.True(syncEntered.Wait(Patience));

        var covered = queue.WaitDurableAsync(early, CancellationToken.None);

        Assert.False(covered.IsCompleted);
        releaseSync.Set();
        await Task.WhenAll(leader, covered).WaitAsync(Patience);
        Assert.Equal(1, syncs);
    }

    [Fact]
    public async Task A_failed_fsync_fails_the_commits_it_covers_and_the_next_commit_flushes_again()
    {
        var failNext = true;
        var queue = new SqliteCommitQueue("failing.db", _ =>
        {
            if (failNext)
            {
                failNext = false;
                throw new IOException("disk gone");
            }
        });
        var ticket = queue.Committed();

        var failure = await Assert.ThrowsAsync<IOException>(() => queue.WaitDurableAsync(ticket, CancellationToken.None));

        Assert.Equal("disk gone", failure.Message);
        // Not durable: asking again flushes again, and this time it holds.
        await queue.WaitDurableAsync(ticket, CancellationToken.None);
        await queue.WaitDurableAsync(queue.Committed(), CancellationToken.None);
        Assert.Equal((2, 3), queue.Counts);
    }

    [Fact]
    public async Task Writers_take_turns_in_the_order_they_asked_and_a_stuck_turn_times_out()
    {
        var queue = new SqliteCommitQueue("turns.db", _ => { });
        var held = await queue.TakeTurnAsync(Patience, CancellationToken.None);
        var order = new List<int>();
        var waiting = Enumerable.Range(1, 3).Select(async n =>
        {
            using var turn = await queue.TakeTurnAsync(Patience, CancellationToken.None);
            lock (order)
            {
                order.Add(n);
            }
        }).ToList();

        var stuck = await Assert.ThrowsAsync<TimeoutException>(() => queue.TakeTurnAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));

        Assert.Contains("write lock", stuck.Message);
        Assert.Empty(order);
        held.Dispose();
        held.Dispose();
        await Task.WhenAll(waiting).WaitAsync(Patience);
        Assert.Equal([1, 2, 3], order);
    }

    [Fact]
    public async Task The_real_fsync_flushes_the_write_ahead_log_of_a_file_and_accepts_a_log_already_checkpointed_away()
    {
        var folder = Directory.CreateTempSubdirectory("erpcrm-commit-queue-");
        try
        {
            var path = Path.Combine(folder.FullName, "tenant.db");
            await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);";
                await command.ExecuteNonQueryAsync();
                Assert.True(File.Exists(path + "-wal"));
                var queue = new SqliteCommitQueue(path);

                await queue.WaitDurableAsync(queue.Committed(), CancellationToken.None);

                Assert.Equal((1, 1), queue.Counts);
            }
            // The last connection closed: SQLite checkpointed the log into the database and removed it.
            Assert.False(File.Exists(path + "-wal"));
            var after = new SqliteCommitQueue(path);
            await after.WaitDurableAsync(after.Committed(), CancellationToken.None);
            Assert.Equal((1, 1), after.Counts);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
