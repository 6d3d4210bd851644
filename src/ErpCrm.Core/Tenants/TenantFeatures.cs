using ErpCrm.Modules;

namespace ErpCrm.Core.Tenants;

/// <summary>The current scope's enabled features, for modules.</summary>
internal sealed class TenantFeatures(TenantAccessor tenant) : ITenantFeatures
{
    public IReadOnlySet<string> Enabled => tenant.HasTenant ? tenant.Features.Enabled : FeatureSnapshot.None.Enabled;
}
