using ErpCrm.Http;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// <see cref="IClientRateLimiter"/> in memory: one counter per limit, tenant and address, for the window it started in.
/// Counters of windows that have ended are dropped as the map grows, so an attacker cycling addresses costs a counter per
/// address for one window only. Time is the host's <see cref="TimeProvider"/>, so tests can turn the window.
/// </summary>
public sealed class ClientRateLimiter(TimeProvider clock) : IClientRateLimiter
{
    /// <summary>How many counters may pile up before the ended ones are swept out.</summary>
    public const int SweepAbove = 10_000;

    private readonly Dictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool TryAcquire(ClientRateLimit limit, string tenant, string clientAddress, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (limit.PermitLimit <= 0)
        {
            return true;
        }
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var counter = Current(Key(limit, tenant, clientAddress), limit, now);
            if (counter.Count >= limit.PermitLimit)
            {
                retryAfter = counter.Ends - now;
                return false;
            }
            counter.Count++;
            return true;
        }
    }

    public void Release(ClientRateLimit limit, string tenant, string clientAddress)
    {
        if (limit.PermitLimit <= 0)
        {
            return;
        }
        lock (_gate)
        {
            // A permit taken in a window that has ended was given back when the window turned.
            if (_counters.TryGetValue(Key(limit, tenant, clientAddress), out var counter) && counter.Ends > clock.GetUtcNow() && counter.Count > 0)
            {
                counter.Count--;
            }
        }
    }

    private Counter Current(string key, ClientRateLimit limit, DateTimeOffset now)
    {
        if (_counters.TryGetValue(key, out var counter) && counter.Ends > now)
        {
            return counter;
        }
        if (_counters.Count >= SweepAbove)
        {
            foreach (var ended in _counters.Where(c => c.Value.Ends <= now).Select(c => c.Key).ToList())
            {
                _counters.Remove(ended);
            }
        }
        counter = new Counter(now + limit.Window);
        _counters[key] = counter;
        return counter;
    }

    private static string Key(ClientRateLimit limit, string tenant, string clientAddress) => $"{limit.Name}\n{tenant}\n{clientAddress}";

    private sealed class Counter(DateTimeOffset ends)
    {
        public DateTimeOffset Ends { get; } = ends;

        public int Count { get; set; }
    }
}
