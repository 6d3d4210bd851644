namespace ErpCrm.Modules;

/// <summary>A feature as the catalog knows it.</summary>
public interface IFeatureInfo
{
    /// <summary>The feature id.</summary>
    string Id { get; }
    /// <summary>The name admins see.</summary>
    string Name { get; }
    /// <summary>One sentence on what it gives.</summary>
    string Description { get; }
    /// <summary>The category on the Features page.</summary>
    string Category { get; }
    /// <summary>The module (assembly) that declares it.</summary>
    string ModuleId { get; }
    /// <summary>Direct dependencies.</summary>
    IReadOnlyList<string> Dependencies { get; }
    /// <summary>See <see cref="FeatureAttribute.IsAlwaysEnabled"/>.</summary>
    bool IsAlwaysEnabled { get; }
    /// <summary>See <see cref="FeatureAttribute.EnabledByDependencyOnly"/>.</summary>
    bool EnabledByDependencyOnly { get; }
    /// <summary>See <see cref="FeatureAttribute.DefaultTenantOnly"/>.</summary>
    bool DefaultTenantOnly { get; }
    /// <summary>See <see cref="FeatureAttribute.AutoEnable"/>.</summary>
    bool AutoEnable { get; }
}
