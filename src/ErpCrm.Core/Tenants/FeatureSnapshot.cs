namespace ErpCrm.Core.Tenants;

/// <summary>A tenant's enabled features and the serial number of the change that produced them.</summary>
public sealed record FeatureSnapshot(long Serial, IReadOnlySet<string> Enabled);
