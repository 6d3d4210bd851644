using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ErpCrm.Core.Data;

/// <summary>
/// How the units of work of this process write to one SQLite file: they take turns at the write lock in the order they
/// asked (an in-process queue, where SQLite's own busy handler would sleep a millisecond or more between tries), each
/// commits its own transaction, and commits that reach the disk together share one fsync of the write-ahead log.
/// </summary>
/// <remarks>
/// This is group commit without a shared transaction: a unit's transaction is its own, so a failed unit never takes another's work
/// with it, and a unit alone flushes at once. Connections of units of work run with <c>synchronous=NORMAL</c> (in WAL mode
/// SQLite then writes the commit to the log without an fsync); <see cref="WaitDurableAsync"/> returns only once an fsync of
/// the log that began after the commit has ended, which is what <c>synchronous=FULL</c> does inside the commit. While one fsync
/// runs, the next writers commit, and the fsync after it covers them all. Checkpoints sync the log and the database file
/// themselves at every level but OFF, so a commit that a checkpoint moved out of the log is durable too.
/// </remarks>
internal sealed class SqliteCommitQueue
{
    /// <summary>The meter of the kernel's data layer; a monitoring tool (dotnet-counters, OpenTelemetry) or the benchmarks read it.</summary>
    public const string MeterName = "ErpCrm.Data";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> CommitsCounter = Meter.CreateCounter<long>("erpcrm.sqlite.commits", description: "Units of work committed to SQLite files.");
    private static readonly Counter<long> FlushesCounter = Meter.CreateCounter<long>("erpcrm.sqlite.log_flushes",
        description: "Fsyncs of SQLite write-ahead logs run for committed units of work; commits over flushes is how many shared each.");
    private static readonly ConcurrentDictionary<string, SqliteCommitQueue> Queues = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly string _logPath;
    private readonly Action<string> _sync;
    private readonly Lock _lock = new();
    private long _committed;
    private long _durable;
    private long _flushes;
    private Round? _inFlight;
    private TaskCompletionSource? _nextRound;

    internal SqliteCommitQueue(string databasePath, Action<string>? sync = null)
    {
        _logPath = databasePath + "-wal";
        _sync = sync ?? SyncLog;
    }

    /// <summary>The queue of the file at <paramref name="databasePath"/>, shared by every unit of work of the process.</summary>
    public static SqliteCommitQueue For(string databasePath) =>
        Queues.GetOrAdd(Path.GetFullPath(databasePath), static path => new SqliteCommitQueue(path));

    /// <summary>Whether the file is known to be in WAL mode (checked once); only then may its units of work commit without their own fsync.</summary>
    public bool? WriteAheadLog { get; set; }

    /// <summary>Commits recorded, and fsyncs of the log run for them: their ratio is how many commits shared each fsync.</summary>
    public (long Commits, long Flushes) Counts
    {
        get
        {
            lock (_lock)
            {
                return (_committed, _flushes);
            }
        }
    }

    /// <summary>
    /// Waits for this unit of work's turn to write, in the order units asked. Gives up after <paramref name="timeout"/>, as a
    /// SQLite busy timeout would: a writer holding the turn that long is stuck, and waiting longer would hide it.
    /// </summary>
    public async Task<Turn> TakeTurnAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _turn.WaitAsync(timeout, cancellationToken))
        {
            throw new TimeoutException($"Another unit of work held the write lock of the database for more than {timeout.TotalSeconds:0} s.");
        }
        return new Turn(this);
    }

    /// <summary>
    /// Records a commit that has just returned (its frames are in the log) and returns its ticket for <see cref="WaitDurableAsync"/>.
    /// Called while the committing unit still holds its turn, so tickets follow the commits' order in the log.
    /// </summary>
    public long Committed()
    {
        CommitsCounter.Add(1);
        lock (_lock)
        {
            return ++_committed;
        }
    }

    /// <summary>
    /// Completes once the commit with <paramref name="ticket"/> is on disk. With no fsync running, the caller runs one at once
    /// on its own thread; otherwise it waits for the one running if that one began after its commit, else for the next, which
    /// covers every commit recorded until it begins.
    /// </summary>
    public Task WaitDurableAsync(long ticket, CancellationToken cancellationToken)
    {
        Round lead;
        lock (_lock)
        {
            if (_durable >= ticket)
            {
                return Task.CompletedTask;
            }
            if (_inFlight is { } running)
            {
                var wait = running.Covers >= ticket ? running.Done.Task : (_nextRound ??= NewCompletion()).Task;
                return wait.WaitAsync(cancellationToken);
            }
            lead = _inFlight = new Round(_committed, NewCompletion());
        }
        Flush(lead);
        return lead.Done.Task;
    }

    private void Flush(Round round)
    {
        Exception? failure = null;
        try
        {
            _sync(_logPath);
        }
        catch (Exception e)
        {
            failure = e;
        }
        FlushesCounter.Add(1);
        Round? next = null;
        lock (_lock)
        {
            _flushes++;
            if (failure is null)
            {
                _durable = Math.Max(_durable, round.Covers);
            }
            if (_nextRound is { } waiting)
            {
                _nextRound = null;
                next = new Round(_committed, waiting);
            }
            _inFlight = next;
        }
        if (failure is null)
        {
            round.Done.SetResult();
        }
        else
        {
            round.Done.SetException(failure);
        }
        if (next is not null)
        {
            // The commits that arrived during this fsync share the next one; a pool thread runs it, so that this round's caller goes on now.
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Queue.Flush(state.Next), (Queue: this, Next: next), preferLocal: false);
        }
    }

    private static TaskCompletionSource NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>An fsync of the log file: the commits written to it through any of its handles reach the disk.</summary>
    private static void SyncLog(string logPath)
    {
        try
        {
            using var log = File.OpenHandle(logPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(log);
        }
        catch (FileNotFoundException)
        {
            // The last connection checkpointed the log into the database, synced it and removed the log: the commits are in the file.
        }
    }

    /// <summary>An fsync and the commits it covers: every ticket up to <see cref="Covers"/> had committed when it began.</summary>
    private sealed record Round(long Covers, TaskCompletionSource Done);

    /// <summary>A unit of work's turn at the write lock; disposing it lets the next writer in.</summary>
    public sealed class Turn : IDisposable
    {
        private SqliteCommitQueue? _queue;

        internal Turn(SqliteCommitQueue queue) => _queue = queue;

        public void Dispose()
        {
            var queue = Interlocked.Exchange(ref _queue, null);
            queue?._turn.Release();
        }
    }
}
