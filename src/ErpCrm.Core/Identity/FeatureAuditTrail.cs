using ErpCrm.Modules;

namespace ErpCrm.Core.Identity;

/// <summary>
/// Records every feature switched on or off in the audit log, inside the transaction that records the change, so the
/// admin page, the API and the command line are audited alike.
/// </summary>
internal sealed class FeatureAuditTrail(AuditLog audit) : IFeatureEventHandler
{
    public Task EnabledAsync(IFeatureInfo feature, CancellationToken cancellationToken) =>
        audit.RecordAsync(AuditKinds.FeaturesChanged, feature.Id, $"Enabled '{feature.Name}'.", cancellationToken);

    public Task DisabledAsync(IFeatureInfo feature, CancellationToken cancellationToken) =>
        audit.RecordAsync(AuditKinds.FeaturesChanged, feature.Id, $"Disabled '{feature.Name}'.", cancellationToken);
}
