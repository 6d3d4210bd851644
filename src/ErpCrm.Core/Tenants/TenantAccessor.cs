using ErpCrm.Core.Data;

namespace ErpCrm.Core.Tenants;

/// <summary>
/// The tenant of the current scope (a request, a command, a background job) with its enabled features.
/// Set once per scope by the tenant middleware or the shell's <c>TenantScopeFactory</c>.
/// </summary>
public sealed class TenantAccessor
{
    private TenantInfo? _tenant;

    public TenantInfo Tenant => _tenant ?? throw new InvalidOperationException("No tenant is set for this scope.");

    public bool HasTenant => _tenant is not null;

    public DatabaseTarget Database { get; private set; } = null!;

    public FeatureSnapshot Features { get; private set; } = new(0, new HashSet<string>());

    public void Set(TenantInfo tenant, DatabaseTarget database, FeatureSnapshot features)
    {
        _tenant = tenant;
        Database = database;
        Features = features;
    }

    /// <summary>Takes the state a feature change in this scope has just written.</summary>
    public void UpdateFeatures(FeatureSnapshot features) => Features = features;
}
