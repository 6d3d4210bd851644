using System.Collections.Frozen;

namespace ErpCrm.Core.Tenants;

/// <summary>A tenant's enabled features and the serial number of the change that produced them.</summary>
public sealed record FeatureSnapshot(long Serial, IReadOnlySet<string> Enabled)
{
    /// <summary>No feature on: what a scope holds before its tenant is set (shared, so that a scope does not allocate one of its own).</summary>
    public static readonly FeatureSnapshot None = new(0, FrozenSet<string>.Empty);
}
