using System.Collections.Concurrent;
using ErpCrm.Core.Data;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Shell;

/// <summary>
/// The tenant list as this node sees it: cached, and re-checked against the host serial at most once per
/// <see cref="ErpCrmOptions.StateRecheckInterval"/>, so that a change made on another node shows within it.
/// </summary>
public sealed class TenantRegistry(TenantStore store, IOptions<ErpCrmOptions> options, TimeProvider clock)
{
    private sealed record Snapshot(long Serial, IReadOnlyList<TenantInfo> Tenants, IReadOnlyDictionary<string, TenantInfo> ByName, TenantRoutes Routes, long CheckedAt);

    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly ConcurrentDictionary<string, DatabaseTarget> _databases = new(StringComparer.OrdinalIgnoreCase);
    private volatile Snapshot? _snapshot;

    /// <summary>Counts <see cref="Invalidate"/> calls: a list read while one happened may predate the change, and is not kept.</summary>
    private long _invalidations;

    public async ValueTask<IReadOnlyList<TenantInfo>> GetAllAsync(CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken)).Tenants;

    public async ValueTask<TenantInfo?> FindAsync(string name, CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken)).ByName.GetValueOrDefault(name);

    /// <summary>The tenants indexed by host name and URL prefix, for resolving requests.</summary>
    public ValueTask<TenantRoutes> GetRoutesAsync(CancellationToken cancellationToken)
    {
        // Every request asks: answered without a state machine while the list is fresh.
        var snapshot = GetSnapshotAsync(cancellationToken);
        return snapshot.IsCompletedSuccessfully ? new ValueTask<TenantRoutes>(snapshot.Result.Routes) : RoutesAsync(snapshot);

        static async ValueTask<TenantRoutes> RoutesAsync(ValueTask<Snapshot> snapshot) => (await snapshot).Routes;
    }

    /// <summary>Forgets the cached list; the next read goes to the host database.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _invalidations);
        _snapshot = null;
    }

    /// <summary>
    /// A change of the tenant list this node has just committed (<paramref name="changed"/> added, or its new state), with the host
    /// serial its write left: applied to the cached list when that list is the one the write followed (its serial is one less), so
    /// that registering or setting up a tenant among thousands does not read them all again; otherwise the list is forgotten, as by
    /// <see cref="Invalidate"/>. The tenants stay in the order the store lists them (by name, character codes).
    /// </summary>
    public void Apply(TenantInfo changed, long serial)
    {
        Interlocked.Increment(ref _invalidations);
        var snapshot = _snapshot;
        if (snapshot is null || snapshot.Serial != serial - 1)
        {
            _snapshot = null;
            return;
        }
        var tenants = new List<TenantInfo>(snapshot.Tenants.Count + 1);
        var placed = false;
        foreach (var tenant in snapshot.Tenants)
        {
            if (string.Equals(tenant.Name, changed.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!placed && string.CompareOrdinal(changed.Name, tenant.Name) < 0)
            {
                tenants.Add(changed);
                placed = true;
            }
            tenants.Add(tenant);
        }
        if (!placed)
        {
            tenants.Add(changed);
        }
        var next = new Snapshot(serial, tenants, tenants.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase), new TenantRoutes(tenants), clock.GetTimestamp());
        if (Interlocked.CompareExchange(ref _snapshot, next, snapshot) != snapshot)
        {
            // Another change got there first: read the list again rather than guess.
            _snapshot = null;
        }
    }

    /// <summary>The database of a tenant (a SQLite file in the data folder, or its PostgreSQL schema).</summary>
    public DatabaseTarget DatabaseOf(TenantInfo tenant) =>
        _databases.TryGetValue(tenant.Name, out var known) ? known : _databases.GetOrAdd(tenant.Name, static (_, state) => state.tenant.DatabaseProvider switch
        {
            DatabaseProvider.Postgres => DatabaseTarget.ForPostgresSchema(state.tenant.ConnectionString!, state.tenant.Schema ?? SqlIdentifiers.SchemaFor(state.tenant.Name)),
            _ => DatabaseTarget.ForSqliteFile(Path.Combine(state.dataDirectory, "Sites", state.tenant.Name, "erpcrm.db")),
        }, (tenant, dataDirectory: options.Value.DataDirectory));

    private ValueTask<Snapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && clock.GetElapsedTime(snapshot.CheckedAt) < options.Value.StateRecheckInterval)
        {
            return new ValueTask<Snapshot>(snapshot);
        }
        return RefreshAsync(cancellationToken);
    }

    private async ValueTask<Snapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        Snapshot? snapshot;
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && clock.GetElapsedTime(snapshot.CheckedAt, clock.GetTimestamp()) < options.Value.StateRecheckInterval)
            {
                return snapshot;
            }
            // A change made on this node while the list is read (a tenant set up, say) invalidates the cache: what this read returns
            // may predate it, so it is answered but not kept, or the tenant would look unchanged here until the next re-check.
            var invalidations = Interlocked.Read(ref _invalidations);
            var serial = await store.ReadSerialAsync(cancellationToken);
            if (snapshot is not null && snapshot.Serial == serial)
            {
                return Keep(snapshot with { CheckedAt = clock.GetTimestamp() }, invalidations);
            }
            var tenants = await store.ListAsync(cancellationToken);
            foreach (var tenant in tenants)
            {
                // A changed connection string or provider gets a fresh database target.
                if (_databases.TryGetValue(tenant.Name, out var known) && known.Provider != tenant.DatabaseProvider)
                {
                    _databases.TryRemove(tenant.Name, out _);
                }
            }
            return Keep(new Snapshot(serial, tenants, tenants.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase), new TenantRoutes(tenants), clock.GetTimestamp()), invalidations);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private Snapshot Keep(Snapshot read, long invalidationsBefore)
    {
        _snapshot = read;
        if (Interlocked.Read(ref _invalidations) != invalidationsBefore)
        {
            Interlocked.CompareExchange(ref _snapshot, null, read);
        }
        return read;
    }
}
