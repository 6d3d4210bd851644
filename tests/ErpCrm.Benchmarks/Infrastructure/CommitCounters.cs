using System.Diagnostics.Metrics;
using Npgsql;

namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>
/// How many commits each fsync made durable during a figure: the proof that group commit groups. SQLite's counts come from the
/// kernel's <c>ErpCrm.Data</c> meter (commits of units of work, fsyncs of the write-ahead log run for them); PostgreSQL's from the
/// server's <c>pg_stat_wal.wal_sync</c>, beside the entries the figure posted.
/// </summary>
internal sealed class CommitCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _commits;
    private long _flushes;

    public CommitCounters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "ErpCrm.Data")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "erpcrm.sqlite.commits")
            {
                Interlocked.Add(ref _commits, value);
            }
            else if (instrument.Name == "erpcrm.sqlite.log_flushes")
            {
                Interlocked.Add(ref _flushes, value);
            }
        });
        _listener.Start();
    }

    /// <summary>SQLite commits of units of work and log fsyncs counted since this listener started.</summary>
    public (long Commits, long Flushes) Sqlite => (Interlocked.Read(ref _commits), Interlocked.Read(ref _flushes));

    /// <summary>
    /// The server's WAL fsyncs so far. Backends report their WAL statistics when they end or now and then while idle, so the pools of
    /// this process are emptied first: every backend that served it ends and reports.
    /// </summary>
    public static async Task<long> PostgresWalSyncsAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        await using var connection = new NpgsqlConnection(unpooled);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT wal_sync FROM pg_stat_wal", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>"2.6 commits per fsync (1,320 commits, 508 fsyncs)", or why there is no ratio.</summary>
    public static string Describe(long commits, long fsyncs) => fsyncs > 0
        ? $"{(double)commits / fsyncs:0.0} commits per fsync ({commits:N0} commits, {fsyncs:N0} fsyncs)"
        : $"{commits:N0} commits, no fsync counted";

    public void Dispose() => _listener.Dispose();
}
