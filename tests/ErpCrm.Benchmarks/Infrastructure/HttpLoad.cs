using System.Diagnostics;
using System.Net;

namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>What one load run got: requests answered 200, others, and the time it took.</summary>
internal sealed record LoadResult(long Succeeded, long Failed, TimeSpan Elapsed, TimeSpan ProcessorTime, long AllocatedBytes = 0)
{
    public double RequestsPerSecond => Succeeded / Elapsed.TotalSeconds;

    /// <summary>Processor time of this whole process (client, server, GC) per request answered, in microseconds.</summary>
    public double MicrosecondsPerRequest => ProcessorTime.TotalMicroseconds / Succeeded;

    /// <summary>Bytes this whole process (client and server) allocated per request answered: unlike time, it does not depend on the machine's load.</summary>
    public double BytesPerRequest => (double)AllocatedBytes / Succeeded;
}

/// <summary>
/// A closed-loop HTTP load: <c>concurrency</c> workers in this process, each sending request after request on a kept-alive
/// connection of its own until the time is up. Every target gets exactly this load, so the rates compare.
/// </summary>
internal static class HttpLoad
{
    /// <summary>GET after GET; 200 counts as answered.</summary>
    public static Task<LoadResult> RunAsync(Uri url, int concurrency, TimeSpan duration, CancellationToken cancellationToken) =>
        RunAsync(() => new HttpRequestMessage(HttpMethod.Get, url), HttpStatusCode.OK, concurrency, duration, cancellationToken);

    /// <summary>Each request made by <paramref name="request"/> (called once per request, from any worker); <paramref name="expected"/> counts as answered.</summary>
    public static async Task<LoadResult> RunAsync(Func<HttpRequestMessage> request, HttpStatusCode expected, int concurrency, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var process = Process.GetCurrentProcess();
        var processorTime = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency)
            .Select(_ => Task.Run(() => WorkAsync(client, request, expected, stopAt, cancellationToken), cancellationToken))
            .ToArray();
        var counts = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        return new LoadResult(counts.Sum(c => c.Succeeded), counts.Sum(c => c.Failed), elapsed, process.TotalProcessorTime - processorTime,
            GC.GetTotalAllocatedBytes(precise: false) - allocated);
    }

    private static async Task<(long Succeeded, long Failed)> WorkAsync(HttpClient client, Func<HttpRequestMessage> request, HttpStatusCode expected, long stopAt,
        CancellationToken cancellationToken)
    {
        long succeeded = 0, failed = 0;
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            // The default completion option reads the whole body, as a real client would.
            using var message = request();
            using var response = await client.SendAsync(message, cancellationToken);
            if (response.StatusCode == expected)
            {
                succeeded++;
            }
            else
            {
                failed++;
            }
        }
        return (succeeded, failed);
    }
}
