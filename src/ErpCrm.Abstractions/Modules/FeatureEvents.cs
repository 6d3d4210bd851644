using ErpCrm.Data;

namespace ErpCrm.Modules;

/// <summary>A feature was enabled for the tenant (<c>Features.FeatureEnabled</c>), raised in the transaction that records it.</summary>
/// <param name="FeatureId">The feature's id, e.g. <c>ErpCrm.Leads</c>.</param>
public sealed record FeatureEnabled(string FeatureId) : IDomainEvent;

/// <summary>A feature was disabled for the tenant (<c>Features.FeatureDisabled</c>), raised in the transaction that records it.</summary>
/// <param name="FeatureId">The feature's id.</param>
public sealed record FeatureDisabled(string FeatureId) : IDomainEvent;
