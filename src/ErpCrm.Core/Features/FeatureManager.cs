using ErpCrm.Core.Identity;
using ErpCrm.Core.Migrations;
using ErpCrm.Core.Modules;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Modules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ErpCrm.Core.Features;

/// <summary>How a feature change ended.</summary>
public enum FeatureChangeStatus
{
    /// <summary>The change was recorded (or there was nothing to change).</summary>
    Applied,
    /// <summary>The request is not valid: unknown feature, a feature that cannot be toggled directly…</summary>
    Invalid,
    /// <summary>More features than the ones named would change, and the caller did not force it.</summary>
    NeedsConfirmation,
    /// <summary>Another change was recorded since the state this one was planned on.</summary>
    Conflict,
}

/// <summary>The outcome of a feature change, with the plan it followed.</summary>
public sealed record FeatureChangeResult(FeatureChangeStatus Status, FeaturePlan Plan, long Serial)
{
    public IReadOnlyList<string> Errors => Plan.Errors;
}

/// <summary>
/// Enables and disables features for the current tenant: plans with <see cref="FeatureResolver"/>, runs the
/// migrations of the features being enabled, then records the change under the serial it was planned on,
/// telling <see cref="IFeatureEventHandler"/>s and writing the audit entry inside the same transaction.
/// </summary>
public sealed class FeatureManager(
    ModuleCatalog catalog,
    TenantAccessor tenant,
    IUnitOfWork unitOfWork,
    FeatureMigrator migrator,
    FeatureStateCache cache,
    ServiceFeatureMap serviceMap,
    IServiceProvider services,
    AuditLog audit,
    TimeProvider clock,
    ILogger<FeatureManager> logger)
{
    /// <summary>The current tenant's state, read from its database (not the cache).</summary>
    public async Task<FeatureSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var connection = await unitOfWork.GetConnectionAsync(cancellationToken);
        return await FeatureStateStore.ReadAsync(connection, unitOfWork.Transaction, cancellationToken);
    }

    public Task<FeatureChangeResult> EnableAsync(IReadOnlyList<string> ids, bool force, long? expectedSerial, CancellationToken cancellationToken) =>
        ChangeAsync(snapshot => FeatureResolver.PlanEnable(catalog, snapshot.Enabled, ids, tenant.Tenant.IsDefault), force, expectedSerial, cancellationToken);

    public Task<FeatureChangeResult> DisableAsync(IReadOnlyList<string> ids, bool force, long? expectedSerial, CancellationToken cancellationToken) =>
        ChangeAsync(snapshot => FeatureResolver.PlanDisable(catalog, snapshot.Enabled, ids, tenant.Tenant.IsDefault), force, expectedSerial, cancellationToken);

    /// <summary>Turns on what every tenant must have (always-enabled features and their bridges).</summary>
    public Task<FeatureChangeResult> EnsureBaselineAsync(CancellationToken cancellationToken) =>
        ChangeAsync(snapshot => FeatureResolver.PlanBaseline(catalog, snapshot.Enabled, tenant.Tenant.IsDefault), force: true, null, cancellationToken);

    private async Task<FeatureChangeResult> ChangeAsync(Func<FeatureSnapshot, FeaturePlan> planner, bool force, long? expectedSerial, CancellationToken cancellationToken)
    {
        var snapshot = await ReadAsync(cancellationToken);
        var plan = planner(snapshot);
        if (!plan.IsValid)
        {
            return new FeatureChangeResult(FeatureChangeStatus.Invalid, plan, snapshot.Serial);
        }
        if (expectedSerial is { } expected && expected != snapshot.Serial)
        {
            return new FeatureChangeResult(FeatureChangeStatus.Conflict, plan, snapshot.Serial);
        }
        if (plan.Additional.Count > 0 && !force)
        {
            return new FeatureChangeResult(FeatureChangeStatus.NeedsConfirmation, plan, snapshot.Serial);
        }
        if (plan.IsEmpty)
        {
            return new FeatureChangeResult(FeatureChangeStatus.Applied, plan, snapshot.Serial);
        }

        // Migrations run first, each in its own transaction: on SQLite a migration cannot share the
        // connection that holds the write lock. They are recorded per tenant, so a retry skips them.
        var ran = await migrator.MigrateUpAsync(tenant.Database,
            [.. plan.ToEnable.Select(f => new MigrationScope(f.Id, catalog.MigrationsOf(f.Id)))], cancellationToken);
        if (ran > 0)
        {
            logger.LogInformation("Ran {Count} migration(s) of [{Features}] for tenant {Tenant}.", ran,
                string.Join(", ", plan.ToEnable.Select(f => f.Id)), tenant.Tenant.Name);
        }

        var before = snapshot.Enabled;
        var after = new HashSet<string>(before, StringComparer.Ordinal);
        after.UnionWith(plan.ToEnable.Select(f => f.Id));
        after.ExceptWith(plan.ToDisable.Select(f => f.Id));

        var transaction = await unitOfWork.BeginWriteAsync(cancellationToken);
        var listenersBefore = HandlersFor(before);
        var listenersAfter = HandlersFor(after);
        foreach (var feature in plan.ToDisable)
        {
            foreach (var handler in listenersBefore) await handler.DisablingAsync(feature, cancellationToken);
        }
        foreach (var feature in plan.ToEnable)
        {
            foreach (var handler in listenersAfter) await handler.EnablingAsync(feature, cancellationToken);
        }

        var serial = await FeatureStateStore.TryWriteAsync(transaction.Connection!, transaction, snapshot.Serial,
            plan.ToEnable.Select(f => f.Id), plan.ToDisable.Select(f => f.Id), clock.GetUtcNow(), cancellationToken);
        if (serial is null)
        {
            await unitOfWork.RollbackAsync(cancellationToken);
            // Tell the caller the serial that won, as the early conflict above does, not the stale one this change planned on.
            return new FeatureChangeResult(FeatureChangeStatus.Conflict, plan, (await ReadAsync(cancellationToken)).Serial);
        }

        foreach (var feature in plan.ToDisable)
        {
            foreach (var handler in listenersBefore) await handler.DisabledAsync(feature, cancellationToken);
        }
        foreach (var feature in plan.ToEnable)
        {
            foreach (var handler in listenersAfter) await handler.EnabledAsync(feature, cancellationToken);
        }
        await audit.RecordAsync(AuditKinds.FeaturesChanged, "features", Describe(plan), cancellationToken);
        await unitOfWork.CommitAsync(cancellationToken);
        cache.Invalidate(tenant.Tenant.Name);
        tenant.UpdateFeatures(new FeatureSnapshot(serial.Value, after));
        logger.LogInformation("Tenant {Tenant}: enabled [{Enabled}], disabled [{Disabled}].", tenant.Tenant.Name,
            string.Join(", ", plan.ToEnable.Select(f => f.Id)), string.Join(", ", plan.ToDisable.Select(f => f.Id)));
        return new FeatureChangeResult(FeatureChangeStatus.Applied, plan, serial.Value);
    }

    /// <summary>"enabled X, Y; disabled Z", as the audit log shows a change.</summary>
    private static string Describe(FeaturePlan plan) =>
        string.Join("; ", new[] { (Verb: "enabled", Features: plan.ToEnable), (Verb: "disabled", Features: plan.ToDisable) }
            .Where(part => part.Features.Count > 0)
            .Select(part => $"{part.Verb} {string.Join(", ", part.Features.Select(f => f.Id))}"));

    private List<IFeatureEventHandler> HandlersFor(IReadOnlySet<string> enabled) =>
        services.GetServices<IFeatureEventHandler>().Where(h => serviceMap.IsEnabled(h.GetType(), enabled)).ToList();
}
