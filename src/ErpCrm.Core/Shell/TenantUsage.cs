using System.Collections.Concurrent;
using ErpCrm.Core.Configuration;
using ErpCrm.Core.Data;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ErpCrm.Core.Shell;

/// <summary>
/// Which tenants this node holds, whether something is bound to each now, and when each last answered a request, so that a tenant
/// without a request for <see cref="ErpCrmOptions.IdleReleaseAfter"/> gives back what it holds here: its cached feature state, its
/// cached configuration, its database target and the pooled connections to its database (with their page caches). Its next request
/// reads them again. Invariants:
/// - a tenant is in use while a request or a scope of <see cref="TenantScopeFactory"/> (a command, background work, an outbox run)
///   is bound to it (<see cref="TenantAccessor"/> holds it), and is never released then: a release takes the tenant only when
///   nothing is bound to it, and a scope binding it meanwhile waits for the release to finish;
/// - only a request makes a tenant recently used: a background sweep of every tenant (the outbox's) holds it while it runs, but
///   does not keep an otherwise idle tenant's caches alive;
/// - time is the host's <see cref="TimeProvider"/> (wall clock), so a test can move it.
/// </summary>
public sealed class TenantUsage(FeatureStateCache features, TenantConfigurationStore configuration, TenantRegistry registry,
    IOptions<ErpCrmOptions> options, TimeProvider clock)
{
    /// <summary>Added to <see cref="Use.Bound"/> while the tenant is released, so that a scope binding it then sees a negative count.</summary>
    private const int Releasing = int.MinValue / 2;

    private sealed class Use(TenantInfo tenant)
    {
        public TenantInfo Tenant = tenant;

        /// <summary>Scopes bound to the tenant now; negative while it is being released.</summary>
        public int Bound;

        /// <summary>When its last request ended (UTC ticks of the host's clock); 0 when none has since it was released.</summary>
        public long LastRequestTicks;

        /// <summary>Whether something was bound since the last release, so that there may be something to give back.</summary>
        public volatile bool Holds;
    }

    private readonly ConcurrentDictionary<string, Use> _uses = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Binds a scope to <paramref name="tenant"/>: it is not released until the matching <see cref="Exit"/>.</summary>
    public object Enter(TenantInfo tenant)
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
        use.Holds = true;
        return use;
    }

    /// <summary>Ends what <see cref="Enter"/> began; <paramref name="request"/> says that it was a request, which counts as use.</summary>
    public void Exit(object entered, bool request)
    {
        var use = (Use)entered;
        if (request)
        {
            Volatile.Write(ref use.LastRequestTicks, clock.GetUtcNow().UtcTicks);
        }
        Interlocked.Decrement(ref use.Bound);
    }

    /// <summary>Whether this node holds anything of the tenant now (something was bound to it since it was last released).</summary>
    public bool Holds(string tenantName) => _uses.TryGetValue(tenantName, out var use) && use.Holds;

    /// <summary>Whether a request or a scope is bound to the tenant now.</summary>
    public bool InUse(string tenantName) => _uses.TryGetValue(tenantName, out var use) && Volatile.Read(ref use.Bound) != 0;

    /// <summary>Releases every tenant idle for longer than <see cref="ErpCrmOptions.IdleReleaseAfter"/>; returns how many it released.</summary>
    public int ReleaseIdle()
    {
        var idleFor = options.Value.IdleReleaseAfter;
        if (idleFor <= TimeSpan.Zero)
        {
            return 0;
        }
        var usedBefore = (clock.GetUtcNow() - idleFor).UtcTicks;
        var released = 0;
        foreach (var use in _uses.Values)
        {
            if (use.Holds && Volatile.Read(ref use.LastRequestTicks) < usedBefore && Volatile.Read(ref use.Bound) == 0
                && Interlocked.CompareExchange(ref use.Bound, Releasing, 0) == 0)
            {
                try
                {
                    Release(use.Tenant);
                    use.Holds = false;
                    use.LastRequestTicks = 0;
                    released++;
                }
                finally
                {
                    Interlocked.Add(ref use.Bound, -Releasing);
                }
            }
        }
        return released;
    }

    private void Release(TenantInfo tenant)
    {
        features.Release(tenant.Name);
        configuration.Release(TenantConfigurationStore.KeyOf(tenant));
        // The database target stays (a few strings): what it stands for, the pool of open connections, is what weighs.
        ClearPool(registry.DatabaseOf(tenant));
    }

    /// <summary>Closes the idle pooled connections to the database (a connection in use closes when given back).</summary>
    private static void ClearPool(DatabaseTarget database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            using var connection = new SqliteConnection(database.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
        else
        {
            using var connection = new NpgsqlConnection(database.ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
