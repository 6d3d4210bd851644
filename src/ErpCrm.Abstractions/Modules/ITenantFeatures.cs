namespace ErpCrm.Modules;

/// <summary>The features that are on for the current tenant (request, command or background job).</summary>
public interface ITenantFeatures
{
    /// <summary>The ids of the enabled features.</summary>
    IReadOnlySet<string> Enabled { get; }

    /// <summary>True when the feature is on for the current tenant.</summary>
    bool IsEnabled(string featureId) => Enabled.Contains(featureId);
}
