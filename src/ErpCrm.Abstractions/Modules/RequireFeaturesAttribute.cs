namespace ErpCrm.Modules;

/// <summary>
/// Applies a startup class only where all the named features are on as well as the startup's own
/// feature. Endpoints it maps answer 404 unless every one of them is enabled for the tenant.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequireFeaturesAttribute(params string[] featureIds) : Attribute
{
    /// <summary>The features that must be on too.</summary>
    public IReadOnlyList<string> FeatureIds { get; } = featureIds;
}
