using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Configuration;

/// <summary>
/// What this node keeps of every tenant's configuration (see <see cref="ErpCrm.Tenants.ITenantConfigurationCache"/>): per tenant,
/// the serials last read from its database and when, and per kind the value with the serials it was loaded under.
/// Invariants:
/// - a value is served only while its kind's serial and the tenant's feature serial equal the ones it was loaded under;
/// - the serials read are trusted for <see cref="ErpCrmOptions.StateRecheckInterval"/>, then read again (one query, all kinds);
/// - a change committed on this node (<see cref="Committed"/>) drops its kinds' values and the serials read, so the next request
///   here reads them again; a read of the serials that began before that commit is not kept (the generation moved on);
/// - a value replaces another only if it was loaded under serials at least as new (serials only grow).
/// </summary>
public sealed class TenantConfigurationStore(IOptions<ErpCrmOptions> options, TimeProvider clock)
{
    /// <summary>The serials of a tenant's kinds as read at <see cref="CheckedAt"/> (a timestamp of the host's clock).</summary>
    public sealed record Serials(IReadOnlyDictionary<string, long> ByKind, long CheckedAt)
    {
        public long Of(string kind) => ByKind.GetValueOrDefault(kind);
    }

    private sealed record Cached(long Serial, long FeatureSerial, object Value);

    private sealed class TenantState
    {
        public readonly object Gate = new();
        public Serials? Serials;
        public long Generation;
        public readonly ConcurrentDictionary<string, Cached> Values = new(StringComparer.Ordinal);
    }

    // Keyed by the scope's tenant key (name and creation time), so a tenant created again under an old name starts afresh.
    private readonly ConcurrentDictionary<string, TenantState> _tenants = new(StringComparer.Ordinal);

    /// <summary>The tenant's serials: the ones read within the recheck interval, else what <paramref name="read"/> reads now.</summary>
    public async ValueTask<Serials> SerialsAsync(string tenant, Func<CancellationToken, Task<IReadOnlyDictionary<string, long>>> read,
        CancellationToken cancellationToken)
    {
        var state = StateOf(tenant);
        // The common case reads without the lock: every cached read of every request of the tenant comes here, and under concurrent
        // requests the lock was contended. A reference is read whole; one read just before a commit's reset is as if it came first.
        if (Volatile.Read(ref state.Serials) is { } current && clock.GetElapsedTime(current.CheckedAt) < options.Value.StateRecheckInterval)
        {
            return current;
        }
        long generation;
        lock (state.Gate)
        {
            if (state.Serials is { } known && clock.GetElapsedTime(known.CheckedAt) < options.Value.StateRecheckInterval)
            {
                return known;
            }
            generation = state.Generation;
        }
        var fresh = new Serials(await read(cancellationToken), clock.GetTimestamp());
        lock (state.Gate)
        {
            // A change committed here while this read ran may not be in it: keep it for this caller only.
            if (state.Generation == generation)
            {
                state.Serials = fresh;
            }
        }
        return fresh;
    }

    /// <summary>The value of <paramref name="kind"/> if one is kept under these serials, else null.</summary>
    public object? Find(string tenant, string kind, Serials serials, long featureSerial) =>
        StateOf(tenant).Values.TryGetValue(kind, out var cached) && cached.Serial == serials.Of(kind) && cached.FeatureSerial == featureSerial
            ? cached.Value
            : null;

    /// <summary>Keeps a value loaded after <paramref name="serials"/> were read, unless a value loaded under newer ones is kept.</summary>
    public void Keep(string tenant, string kind, Serials serials, long featureSerial, object value)
    {
        var loaded = new Cached(serials.Of(kind), featureSerial, value);
        StateOf(tenant).Values.AddOrUpdate(kind, loaded,
            (_, kept) => kept.Serial > loaded.Serial || kept.FeatureSerial > loaded.FeatureSerial ? kept : loaded);
    }

    /// <summary>A unit of work on this node committed changes of these kinds: forget them, and read the serials again next time.</summary>
    public void Committed(string tenant, IEnumerable<string> kinds)
    {
        var state = StateOf(tenant);
        lock (state.Gate)
        {
            state.Generation++;
            state.Serials = null;
            foreach (var kind in kinds)
            {
                state.Values.TryRemove(kind, out _);
            }
        }
    }

    /// <summary>The key a tenant's configuration is kept under: its name and creation time, so a tenant created again under an old name starts afresh.</summary>
    public static string KeyOf(ErpCrm.Core.Tenants.TenantInfo tenant) => $"{tenant.Name}|{tenant.CreatedUtc.UtcTicks}";

    /// <summary>Forgets all that is kept of a tenant nothing is bound to (released for idleness); its next scope reads it again.</summary>
    public void Release(string tenant) => _tenants.TryRemove(tenant, out _);

    private TenantState StateOf(string tenant) => _tenants.GetOrAdd(tenant, _ => new TenantState());
}
