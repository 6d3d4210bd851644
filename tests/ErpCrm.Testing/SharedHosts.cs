using ErpCrm.Data;

namespace ErpCrm.Testing;

/// <summary>
/// Running hosts that tests share, one tenant each: starting a host costs about a second of CPU, setting up a tenant a
/// fraction of that — tenants are cheap, which is the product's promise, so the test bed relies on it. Tests that ask for the
/// same engine and settings lease the current host of that kind; after <see cref="TenantsPerHost"/> leases it is retired and
/// stopped once its last test has finished, so that no host grows without bound. Each lease sets up a fresh tenant reached by a
/// host name of its own (<c>t{n}.tenants.test</c>), so a test's URLs are the same as on a host of its own.
/// A test that sets the clock shares a host with the other tests of its class only (they run one after the other), whose clock
/// each lease points at its own <see cref="TestClock"/>.
/// </summary>
public static class SharedHosts
{
    /// <summary>How many tests one host serves before a new one takes over.</summary>
    public const int TenantsPerHost = 24;

    /// <summary>The host names of the tenants set up on shared hosts: what a browser must resolve to the loopback address.</summary>
    public const string HostNames = "*.tenants.test";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, SharedHost> Current = new(StringComparer.Ordinal);
    private static int _tenants;

    static SharedHosts() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    /// <summary>
    /// A fresh tenant, set up with the blank recipe, on a shared host of this engine and these settings; with a <paramref name="clock"/>,
    /// on a host that only the tests of <paramref name="testClass"/> share, its clock set to that one.
    /// </summary>
    public static async Task<HostLease> LeaseAsync(DatabaseProvider provider, TimeSpan? outboxSweepInterval, IReadOnlyDictionary<string, string>? configuration,
        TestClock? clock = null, Type? testClass = null)
    {
        var key = KeyOf(provider, outboxSweepInterval, configuration) + (clock is null ? "" : "\nclock of " + testClass?.FullName);
        SharedHost shared;
        lock (Gate)
        {
            if (!Current.TryGetValue(key, out shared!) || shared.Leases >= TenantsPerHost)
            {
                var hostClock = clock is null ? null : new SwitchedClock { Target = clock };
                shared = new SharedHost(TestHost.StartAsync(provider, outboxSweepInterval: outboxSweepInterval, configuration: configuration, clock: hostClock), hostClock);
                Current[key] = shared;
            }
            if (clock is not null)
            {
                shared.Clock!.Target = clock;
            }
            shared.Leases++;
            shared.Active++;
        }
        var lease = new HostLease(shared);
        try
        {
            var host = await shared.Started;
            var number = Interlocked.Increment(ref _tenants);
            var name = $"T{number}";
            var hostName = HostNames.Replace("*", $"t{number}", StringComparison.Ordinal);
            var admin = await host.SetUpTenantAsync(name, hosts: [hostName]);
            lease.Attach(host.ServingTenant(name, hostName), admin);
            return lease;
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    private static string KeyOf(DatabaseProvider provider, TimeSpan? outboxSweepInterval, IReadOnlyDictionary<string, string>? configuration) =>
        string.Join("\n", new[] { provider.ToString(), outboxSweepInterval?.ToString("c") ?? "" }
            .Concat((configuration ?? new Dictionary<string, string>()).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}")));

    internal static async ValueTask ReleaseAsync(SharedHost shared)
    {
        bool stop;
        lock (Gate)
        {
            shared.Active--;
            stop = shared.Active == 0 && (shared.Leases >= TenantsPerHost || !Current.ContainsValue(shared));
            if (stop)
            {
                foreach (var retired in Current.Where(c => c.Value == shared).Select(c => c.Key).ToList())
                {
                    Current.Remove(retired);
                }
            }
        }
        if (stop)
        {
            await shared.StopAsync();
        }
    }

    private static void StopAll()
    {
        List<SharedHost> running;
        lock (Gate)
        {
            running = [.. Current.Values];
            Current.Clear();
        }
        foreach (var shared in running)
        {
            // The process is ending: give each host a moment to stop and drop its database, no more.
            shared.StopAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
        }
    }

    internal sealed class SharedHost(Task<TestHost> started, SwitchedClock? clock)
    {
        public Task<TestHost> Started { get; } = started;

        /// <summary>The host's clock when the tests that share it set the time.</summary>
        public SwitchedClock? Clock { get; } = clock;

        /// <summary>Tests that have leased this host so far; guarded by <see cref="Gate"/>.</summary>
        public int Leases { get; set; }

        /// <summary>Tests running on it now; guarded by <see cref="Gate"/>.</summary>
        public int Active { get; set; }

        public async ValueTask StopAsync()
        {
            try
            {
                await (await Started).DisposeAsync();
            }
            catch (Exception) when (!Started.IsCompletedSuccessfully)
            {
                // It never started: the test that leased it has failed with the reason already.
            }
        }
    }
}

/// <summary>A host's clock that reads the clock of the test running on it (tests that share such a host run one after the other).</summary>
internal sealed class SwitchedClock : TimeProvider
{
    private volatile TimeProvider _target = System;

    public TimeProvider Target
    {
        get => _target;
        set => _target = value;
    }

    public override DateTimeOffset GetUtcNow() => _target.GetUtcNow();
}

/// <summary>A test's tenant on a shared host: <see cref="Host"/> serves it, <see cref="Admin"/> is its administrator's client.</summary>
public sealed class HostLease : IAsyncDisposable
{
    private readonly SharedHosts.SharedHost _shared;
    private int _released;

    internal HostLease(SharedHosts.SharedHost shared) => _shared = shared;

    public TestHost Host { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    internal void Attach(TestHost host, HttpClient admin)
    {
        Host = host;
        Admin = admin;
    }

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _released, 1) == 0 ? SharedHosts.ReleaseAsync(_shared) : ValueTask.CompletedTask;
}
