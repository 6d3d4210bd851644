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

    public async ValueTask<FeatureSnapshot> GetAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(tenant.Name, out var entry)
            && clock.GetElapsedTime(entry.CheckedAt) < options.Value.StateRecheckInterval)
        {
            return entry.Snapshot;
        }

        await using var connection = await tenants.DatabaseOf(tenant).OpenAsync(cancellationToken);
        if (entry is not null)
        {
            var serial = await FeatureStateStore.ReadSerialAsync(connection, null, cancellationToken);
            if (serial == entry.Snapshot.Serial)
            {
                _entries[tenant.Name] = entry with { CheckedAt = clock.GetTimestamp() };
                return entry.Snapshot;
            }
        }
        var snapshot = await FeatureStateStore.ReadAsync(connection, null, cancellationToken);
        _entries[tenant.Name] = new Entry(snapshot, clock.GetTimestamp());
        return snapshot;
    }

    public void Invalidate(string tenantName) => _entries.TryRemove(tenantName, out _);
}
