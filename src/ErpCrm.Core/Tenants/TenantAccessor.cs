using ErpCrm.Core.Data;

namespace ErpCrm.Core.Tenants;

/// <summary>
/// The tenant of the current scope (a request, a command, a background job) with its enabled features.
/// Set once per scope by the tenant middleware or the shell's <c>TenantScopeFactory</c>. While set, the tenant is in use
/// (<see cref="TenantActivity"/>): it is not released for idleness until the scope ends.
/// </summary>
public sealed class TenantAccessor(TenantActivity activity) : IDisposable
{
    private TenantInfo? _tenant;
    private TenantActivity.Use? _use;
    private bool _request;

    public TenantInfo Tenant => _tenant ?? throw new InvalidOperationException("No tenant is set for this scope.");

    public bool HasTenant => _tenant is not null;

    public DatabaseTarget Database { get; private set; } = null!;

    public FeatureSnapshot Features { get; private set; } = FeatureSnapshot.None;

    /// <param name="request">Whether the scope is a request's: only a request counts as use of the tenant (see <see cref="TenantActivity"/>).</param>
    public void Set(TenantInfo tenant, DatabaseTarget database, FeatureSnapshot features, bool request = false)
    {
        var use = activity.Enter(tenant);
        Leave();
        _use = use;
        _request = request;
        _tenant = tenant;
        Database = database;
        Features = features;
    }

    /// <summary>Whether the scope's unit of work has been created: a request that never made one has nothing to commit or roll back.</summary>
    internal bool HasUnitOfWork { get; private set; }

    /// <summary>Called by the scope's unit of work as it is created (see <see cref="HasUnitOfWork"/>).</summary>
    internal bool NoteUnitOfWork() => HasUnitOfWork = true;

    /// <summary>Takes the state a feature change in this scope has just written.</summary>
    public void UpdateFeatures(FeatureSnapshot features) => Features = features;

    /// <summary>The scope ends: the tenant is no longer in use by it.</summary>
    public void Dispose() => Leave();

    private void Leave()
    {
        if (Interlocked.Exchange(ref _use, null) is { } use)
        {
            activity.Exit(use, _request);
        }
    }
}
