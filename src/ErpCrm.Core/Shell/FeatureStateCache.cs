using System.Collections.Concurrent;
using ErpCrm.Core.Tenants;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Shell;

/// <summary>
/// Each tenant's enabled features, cached per node. A cached state is trusted for
/// <see cref="ErpCrmOptions.StateRecheckInterval"/>; after that one cheap query of the serial tells whether to
/// reload. Changes made on this node invalidate at once; changes made on another node show within the interval.
/// </summary>
public sealed class FeatureStateCache(TenantRegistry tenants, IOptions<ErpCrmOptions> options, TimeProvider clock)
{
    private sealed record Entry(FeatureSnapshot Snapshot, long CheckedAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts <see cref="Invalidate"/> calls: a state read while one happened may predate the change, and is not kept.</summary>
    private long _invalidations;

    public ValueTask<FeatureSnapshot> GetAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        // Nearly every call: a state checked within the interval, answered without a state machine.
        if (_entries.TryGetValue(tenant.Name, out var entry)
            && clock.GetElapsedTime(entry.CheckedAt) < options.Value.StateRecheckInterval)
        {
            return new ValueTask<FeatureSnapshot>(entry.Snapshot);
        }
        return ReadAsync(tenant, entry, cancellationToken);
    }

    private async ValueTask<FeatureSnapshot> ReadAsync(TenantInfo tenant, Entry? entry, CancellationToken cancellationToken)
    {

        // A change committed on this node while the state is read invalidates it: what this read returns may predate the change, so
        // it is answered but not kept, or the feature would look unchanged here until the next re-check.
        var invalidations = Interlocked.Read(ref _invalidations);
        await using var connection = await tenants.DatabaseOf(tenant).OpenAsync(cancellationToken);
        if (entry is not null)
        {
            var serial = await FeatureStateStore.ReadSerialAsync(connection, null, cancellationToken);
            if (serial == entry.Snapshot.Serial)
            {
                Keep(tenant.Name, entry with { CheckedAt = clock.GetTimestamp() }, invalidations);
                return entry.Snapshot;
            }
        }
        var snapshot = await FeatureStateStore.ReadAsync(connection, null, cancellationToken);
        Keep(tenant.Name, new Entry(snapshot, clock.GetTimestamp()), invalidations);
        return snapshot;
    }

    public void Invalidate(string tenantName)
    {
        Interlocked.Increment(ref _invalidations);
        _entries.TryRemove(tenantName, out _);
    }

    /// <summary>Forgets the tenant's state without counting as a change (the host releasing an idle tenant).</summary>
    public void Release(string tenantName) => _entries.TryRemove(tenantName, out _);

    private void Keep(string tenantName, Entry read, long invalidationsBefore)
    {
        _entries[tenantName] = read;
        if (Interlocked.Read(ref _invalidations) != invalidationsBefore)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(tenantName, read));
        }
    }
}
