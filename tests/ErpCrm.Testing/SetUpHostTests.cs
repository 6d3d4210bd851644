using ErpCrm.Data;

namespace ErpCrm.Testing;

/// <summary>
/// A test class whose every test gets a fresh tenant set up with the blank recipe, <see cref="Host"/> serving it, and
/// <see cref="Admin"/>, a client with its administrator's token. The tenant lives on a host shared with other tests of the same
/// engine and settings (<see cref="SharedHosts"/>); a class whose tests change what a host holds for all its tenants (the tenant
/// list, the host's log, the Default tenant) passes <c>ownHost</c> and gets a host of its own per test, with the Default tenant set up.
/// Run it on both engines with one sealed subclass each; <c>configuration</c> adds settings to the host; <c>clock</c> (a
/// <see cref="TestClock"/>) is the host's clock while the test runs, for tests of what is due today: such a host is shared by the
/// tests of one class only.
/// </summary>
public abstract class SetUpHostTests(DatabaseProvider provider, TimeSpan? outboxSweepInterval = null, IReadOnlyDictionary<string, string>? configuration = null,
    TestClock? clock = null, bool ownHost = false) : IAsyncLifetime
{
    private HostLease? _lease;
    private TestHost? _ownHost;

    /// <summary>The host, as seen by this test's tenant.</summary>
    protected TestHost Host { get; private set; } = null!;

    protected HttpClient Admin { get; private set; } = null!;

    /// <summary>The name of this test's tenant (Default on a host of one's own).</summary>
    protected string Tenant => Host.Tenant;

    /// <summary>The site name its setup gave the tenant.</summary>
    protected string SiteName => Tenant + " Ltd";

    public virtual async Task InitializeAsync()
    {
        if (ownHost)
        {
            _ownHost = await TestHost.StartAsync(provider, outboxSweepInterval: outboxSweepInterval, configuration: configuration, clock: clock);
            Host = _ownHost;
            Admin = await Host.SetUpTenantAsync();
            return;
        }
        _lease = await SharedHosts.LeaseAsync(provider, outboxSweepInterval, configuration, clock, GetType());
        Host = _lease.Host;
        Admin = _lease.Admin;
    }

    /// <summary>A browser without JavaScript, signed in to the test's tenant as its administrator.</summary>
    protected async Task<BrowserSession> SignInAdminAsync()
    {
        var browser = BrowserSession.Open(Host);
        await browser.SignInOrFailAsync("admin", TestHost.AdminPassword);
        return browser;
    }

    public async Task DisposeAsync()
    {
        if (_ownHost is not null)
        {
            await _ownHost.DisposeAsync();
        }
        if (_lease is not null)
        {
            await _lease.DisposeAsync();
        }
    }
}
