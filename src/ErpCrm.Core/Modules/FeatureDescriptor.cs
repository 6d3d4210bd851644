using ErpCrm.Modules;

namespace ErpCrm.Core.Modules;

/// <summary>A feature as declared by a module's manifest.</summary>
public sealed record FeatureDescriptor(
    string Id,
    string Name,
    string Description,
    string Category,
    string ModuleId,
    IReadOnlyList<string> Dependencies,
    bool IsAlwaysEnabled,
    bool EnabledByDependencyOnly,
    bool DefaultTenantOnly,
    bool AutoEnable) : IFeatureInfo
{
    /// <summary>True when an admin may switch it on or off directly.</summary>
    public bool IsToggleable => !IsAlwaysEnabled && !EnabledByDependencyOnly && !AutoEnable;
}

/// <summary>A startup class and the features it needs.</summary>
public sealed record StartupDescriptor(Type Type, string FeatureId, IReadOnlyList<string> RequiredFeatures)
{
    /// <summary>Its own feature followed by the ones <see cref="RequireFeaturesAttribute"/> adds.</summary>
    public IReadOnlyList<string> AllFeatures => [FeatureId, .. RequiredFeatures];
}

/// <summary>A FluentMigrator migration class and the feature whose enabling runs it.</summary>
public sealed record MigrationDescriptor(Type Type, string FeatureId, long Version, string Description);

/// <summary>A module: an assembly with a manifest.</summary>
public sealed record ModuleDescriptor(
    string Id,
    string Name,
    string Description,
    string Author,
    string Version,
    string Source,
    System.Reflection.Assembly? Assembly,
    IReadOnlyList<FeatureDescriptor> Features,
    IReadOnlyList<StartupDescriptor> Startups,
    IReadOnlyList<MigrationDescriptor> Migrations);

/// <summary>A problem found in a manifest; the module named is left out of the catalog.</summary>
public sealed record CatalogProblem(string ModuleId, string? FeatureId, string Message)
{
    public override string ToString() => $"Module '{ModuleId}' skipped: {Message}";
}
