using System.Runtime.InteropServices;
using ErpCrm.Core.Configuration;
using ErpCrm.Core.Data;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// Releases what this node holds for a tenant without a request for <see cref="ErpCrmOptions.IdleReleaseAfter"/>: its cached feature
/// state, its cached configuration and the pooled connections to its database (with their page caches). Its next request reads them
/// again. A tenant in use (<see cref="TenantActivity"/>: a request in flight, a command, background work) is never released.
/// </summary>
public sealed class TenantUsage(TenantActivity activity, FeatureStateCache features, TenantConfigurationStore configuration, TenantRegistry registry,
    IOptions<ErpCrmOptions> options, TimeProvider clock)
{
    /// <summary>Whether this node holds anything of the tenant now (something was bound to it since it was last released).</summary>
    public bool Holds(string tenantName) => activity.Find(tenantName) is { Holds: true };

    /// <summary>Whether a request or a scope is bound to the tenant now.</summary>
    public bool InUse(string tenantName) => activity.Find(tenantName) is { } use && TenantActivity.InUse(use);

    /// <summary>Releases every tenant idle for longer than <see cref="ErpCrmOptions.IdleReleaseAfter"/>; returns how many it released.</summary>
    public int ReleaseIdle()
    {
        var idleFor = options.Value.IdleReleaseAfter;
        if (idleFor <= TimeSpan.Zero)
        {
            return 0;
        }
        var usedBefore = clock.GetUtcNow() - idleFor;
        var released = 0;
        foreach (var use in activity.Tenants)
        {
            if (activity.TryRelease(use, usedBefore, Release))
            {
                released++;
            }
        }
        if (released > 0)
        {
            NativeMemory.GiveBack();
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

    /// <summary>
    /// The connections' page caches live in native memory: freed, glibc keeps it in its arenas, where the process's working set still
    /// counts it. Trimming hands it back to the system, so a release shows where it matters. Elsewhere (another C library, another
    /// system) nothing is done.
    /// </summary>
    private static class NativeMemory
    {
        private static bool _unavailable = !OperatingSystem.IsLinux();

        public static void GiveBack()
        {
            if (_unavailable)
            {
                return;
            }
            try
            {
                MallocTrim(0);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                _unavailable = true;
            }
        }

        [DllImport("libc", EntryPoint = "malloc_trim")]
        private static extern int MallocTrim(nuint pad);
    }
}
