using ErpCrm.Core.Modules;

namespace ErpCrm.Core.Features;

/// <summary>
/// What a requested change of features would do: the features to switch on (dependencies first) and off
/// (dependents first), or why it cannot be done.
/// </summary>
public sealed record FeaturePlan(
    IReadOnlyList<string> Requested,
    IReadOnlyList<FeatureDescriptor> ToEnable,
    IReadOnlyList<FeatureDescriptor> ToDisable,
    IReadOnlyList<string> Errors)
{
    /// <summary>True when the change can be applied.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>True when nothing would change.</summary>
    public bool IsEmpty => ToEnable.Count == 0 && ToDisable.Count == 0;

    /// <summary>Features that would change although they were not asked for (dependencies, dependents, bridges).</summary>
    public IReadOnlyList<FeatureDescriptor> Additional =>
        ToEnable.Concat(ToDisable).Where(f => !Requested.Contains(f.Id, StringComparer.Ordinal)).ToList();

    internal static FeaturePlan Invalid(IReadOnlyList<string> requested, IReadOnlyList<string> errors) => new(requested, [], [], errors);
}
