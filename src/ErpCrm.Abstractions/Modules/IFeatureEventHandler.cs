namespace ErpCrm.Modules;

/// <summary>
/// Told when features change for a tenant. Register an implementation in a startup; it hears about every
/// feature, including its own (it is asked while its own feature is being enabled, and while it is
/// being disabled). Handlers run inside the transaction that records the change: throwing cancels it.
/// </summary>
public interface IFeatureEventHandler
{
    /// <summary>Before the feature is recorded as enabled (its migrations have run).</summary>
    Task EnablingAsync(IFeatureInfo feature, CancellationToken cancellationToken) => Task.CompletedTask;
    /// <summary>After the feature is recorded as enabled, in the same transaction.</summary>
    Task EnabledAsync(IFeatureInfo feature, CancellationToken cancellationToken) => Task.CompletedTask;
    /// <summary>Before the feature is recorded as disabled.</summary>
    Task DisablingAsync(IFeatureInfo feature, CancellationToken cancellationToken) => Task.CompletedTask;
    /// <summary>After the feature is recorded as disabled, in the same transaction.</summary>
    Task DisabledAsync(IFeatureInfo feature, CancellationToken cancellationToken) => Task.CompletedTask;
}
