using ErpCrm.Data;

namespace ErpCrm.Web.Tests.Infrastructure;

/// <summary>
/// A test class whose every test gets a fresh host with its Default tenant set up, and <see cref="Admin"/>, a client with
/// the administrator's token. Run it on both engines with one sealed subclass each; <c>configuration</c> adds settings to the host;
/// <c>clock</c> (a <see cref="TestClock"/>) is the host's clock, for tests of what is due today.
/// </summary>
public abstract class SetUpHostTests(DatabaseProvider provider, TimeSpan? outboxSweepInterval = null, IReadOnlyDictionary<string, string>? configuration = null,
    TimeProvider? clock = null) : IAsyncLifetime
{
    protected TestHost Host { get; private set; } = null!;

    protected HttpClient Admin { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync(provider, outboxSweepInterval: outboxSweepInterval, configuration: configuration, clock: clock);
        Admin = await Host.SetUpTenantAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
