using ErpCrm.Core.Migrations;
using ErpCrm.Core.Modules;
using ErpCrm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace ErpCrm.Core.Shell;

/// <summary>
/// Brings running tenants up to the code's schema at start-up: the kernel's migrations, and those of every
/// enabled feature, so that deploying a module's new migration upgrades every tenant that uses it.
/// </summary>
public sealed class TenantUpgrader(TenantRegistry registry, FeatureMigrator migrator, ModuleCatalog catalog, ILogger<TenantUpgrader> logger)
{
    public async Task UpgradeAllAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in await registry.GetAllAsync(cancellationToken))
        {
            if (tenant.State != TenantState.Running)
            {
                continue;
            }
            try
            {
                var database = registry.DatabaseOf(tenant);
                // The kernel's first: the feature state it reads lives in the kernel's tables.
                var ran = await migrator.MigrateUpAsync(database, KernelFeatures.Kernel, catalog.MigrationsOf(KernelFeatures.Kernel), cancellationToken);
                await using var connection = await database.OpenAsync(cancellationToken);
                var state = await FeatureStateStore.ReadAsync(connection, null, cancellationToken);
                ran += await migrator.MigrateUpAsync(database,
                    [.. catalog.InDependencyOrder(state.Enabled.Where(id => catalog.Find(id) is not null)).Select(f => new MigrationScope(f.Id, catalog.MigrationsOf(f.Id)))],
                    cancellationToken);
                if (ran > 0)
                {
                    logger.LogInformation("Tenant {Tenant}: applied {Count} new migration(s).", tenant.Name, ran);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One tenant's broken database must not keep the others down.
                logger.LogError(e, "Tenant {Tenant} could not be upgraded; it keeps its previous schema.", tenant.Name);
            }
        }
    }
}
