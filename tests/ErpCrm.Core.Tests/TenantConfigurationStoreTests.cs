using ErpCrm.Core.Configuration;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Tests;

/// <summary>What a node keeps of a tenant's configuration, and when it asks the database again.</summary>
public sealed class TenantConfigurationStoreTests
{
    private sealed class Clock : TimeProvider
    {
        public long Ticks { get; set; } = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;

        public void Advance(TimeSpan by) => Ticks += by.Ticks;
    }

    private const string Tenant = "Default|1", Kind = "Leads.PipelineStages";

    private readonly Clock _clock = new();
    private readonly TenantConfigurationStore _store;
    private readonly Dictionary<string, long> _database = new(StringComparer.Ordinal);
    private int _reads;

    public TenantConfigurationStoreTests() =>
        _store = new TenantConfigurationStore(Options.Create(new ErpCrmOptions { StateRecheckInterval = TimeSpan.FromSeconds(1) }), _clock);

    private Task<IReadOnlyDictionary<string, long>> ReadAsync(CancellationToken cancellationToken)
    {
        _reads++;
        return Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>(_database));
    }

    private ValueTask<TenantConfigurationStore.Serials> SerialsAsync() => _store.SerialsAsync(Tenant, ReadAsync, CancellationToken.None);

    [Fact]
    public async Task The_serials_are_read_once_per_interval_for_all_kinds_and_a_value_serves_until_its_serial_moves()
    {
        _store.Keep(Tenant, Kind, await SerialsAsync(), featureSerial: 3, "v1");

        _database[Kind] = 1; // another node commits a change
        Assert.Equal("v1", _store.Find(Tenant, Kind, await SerialsAsync(), 3));
        Assert.Equal(1, _reads);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_store.Find(Tenant, Kind, await SerialsAsync(), 3));
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task A_value_loaded_under_other_feature_state_is_not_served()
    {
        var serials = await SerialsAsync();
        _store.Keep(Tenant, Kind, serials, featureSerial: 3, "v1");

        Assert.Null(_store.Find(Tenant, Kind, serials, featureSerial: 4));
        Assert.Null(_store.Find("Other|1", Kind, serials, featureSerial: 3));
    }

    [Fact]
    public async Task A_change_committed_on_this_node_is_read_again_by_the_next_request_at_once()
    {
        _store.Keep(Tenant, Kind, await SerialsAsync(), 3, "v1");

        _database[Kind] = 1;
        _store.Committed(Tenant, [Kind]);

        var serials = await SerialsAsync();
        Assert.Equal(2, _reads);
        Assert.Equal(1, serials.Of(Kind));
        Assert.Null(_store.Find(Tenant, Kind, serials, 3));
    }

    [Fact]
    public async Task Serials_read_while_a_change_committed_here_are_used_once_and_not_kept()
    {
        var reading = new TaskCompletionSource<IReadOnlyDictionary<string, long>>();
        var late = _store.SerialsAsync(Tenant, _ => reading.Task, CancellationToken.None);
        _store.Committed(Tenant, [Kind]); // commits while the read above is on its way, which may not have seen it
        reading.SetResult(new Dictionary<string, long>());
        Assert.Equal(0, (await late).Of(Kind));

        _database[Kind] = 1;
        Assert.Equal(1, (await SerialsAsync()).Of(Kind));
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task A_value_loaded_under_older_serials_never_replaces_a_newer_one()
    {
        var old = await SerialsAsync();
        _database[Kind] = 1;
        _clock.Advance(TimeSpan.FromSeconds(1));
        var current = await SerialsAsync();

        _store.Keep(Tenant, Kind, current, 3, "new");
        _store.Keep(Tenant, Kind, old, 3, "old"); // a slow request that began before the change finishes last

        Assert.Equal("new", _store.Find(Tenant, Kind, current, 3));
    }
}
