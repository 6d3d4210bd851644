using System.Collections.Concurrent;

namespace ErpCrm.Core.Tenants;

/// <summary>
/// Which tenants are in use on this node and when each last answered a request: a tenant is in use while a request or a scope (a
/// command, background work, an outbox run) is bound to it through <see cref="TenantAccessor"/>. The host's <c>TenantUsage</c>
/// releases what the node holds for a tenant idle long enough, through <see cref="TryRelease"/>, which never runs while the tenant
/// is in use: a scope binding it meanwhile waits until the release is done. Only a request counts as use of a tenant: a background
/// sweep of every tenant (the outbox's) holds it while it runs but does not keep an otherwise idle tenant alive. Time is the host's
/// <see cref="TimeProvider"/> (its wall clock), so a test can move it.
/// </summary>
public sealed class TenantActivity(TimeProvider clock)
{
    /// <summary>Added to <see cref="Use.Bound"/> while the tenant is being released, so that a scope binding it then sees a negative count.</summary>
    private const int Releasing = int.MinValue / 2;

    /// <summary>One tenant's use; what <see cref="Enter"/> returns, to be handed back to <see cref="Exit"/>.</summary>
    public sealed class Use
    {
        internal Use(TenantInfo tenant) => Tenant = tenant;

        /// <summary>The tenant as last bound.</summary>
        public TenantInfo Tenant { get; internal set; }

        /// <summary>Scopes bound to the tenant now; negative while it is being released.</summary>
        internal int Bound;

        /// <summary>When its last request ended (UTC ticks of the host's clock); 0 when none has since it was released.</summary>
        internal long LastRequestTicks;

        /// <summary>Whether something was bound to it since it was last released, so that the node may hold something of it.</summary>
        public bool Holds => Volatile.Read(ref _holds);

        internal bool _holds;
    }

    private readonly ConcurrentDictionary<string, Use> _uses = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every tenant bound at least once on this node.</summary>
    public IEnumerable<Use> Tenants => _uses.Values;

    /// <summary>Binds a scope to <paramref name="tenant"/>: it is not released until the matching <see cref="Exit"/>.</summary>
    public Use Enter(TenantInfo tenant)
    {
        var use = _uses.GetOrAdd(tenant.Name, static (_, t) => new Use(t), tenant);
        if (Interlocked.Increment(ref use.Bound) < 0)
        {
            // Being released right now (it takes microseconds): wait until it is done, then hold it as usual.
            var spin = new SpinWait();
            while (Volatile.Read(ref use.Bound) < 0)
            {
                spin.SpinOnce();
            }
        }
        use.Tenant = tenant;
        Volatile.Write(ref use._holds, true);
        return use;
    }

    /// <summary>Ends what <see cref="Enter"/> began; <paramref name="request"/> says that it was a request, which counts as use.</summary>
    public void Exit(Use use, bool request)
    {
        if (request)
        {
            Volatile.Write(ref use.LastRequestTicks, clock.GetUtcNow().UtcTicks);
        }
        Interlocked.Decrement(ref use.Bound);
    }

    /// <summary>The tenant's use, or null when nothing was ever bound to it here.</summary>
    public Use? Find(string tenantName) => _uses.GetValueOrDefault(tenantName);

    /// <summary>Whether a request or a scope is bound to the tenant now.</summary>
    public static bool InUse(Use use) => Volatile.Read(ref use.Bound) != 0;

    /// <summary>
    /// Runs <paramref name="release"/> if the tenant holds something, had no request since <paramref name="usedBefore"/> and nothing is
    /// bound to it, with every scope that would bind it kept waiting meanwhile; true when it ran.
    /// </summary>
    public bool TryRelease(Use use, DateTimeOffset usedBefore, Action<TenantInfo> release)
    {
        if (!use.Holds || Volatile.Read(ref use.LastRequestTicks) >= usedBefore.UtcTicks || Volatile.Read(ref use.Bound) != 0
            || Interlocked.CompareExchange(ref use.Bound, Releasing, 0) != 0)
        {
            return false;
        }
        try
        {
            release(use.Tenant);
            Volatile.Write(ref use._holds, false);
            Volatile.Write(ref use.LastRequestTicks, 0);
            return true;
        }
        finally
        {
            Interlocked.Add(ref use.Bound, -Releasing);
        }
    }
}
