using Microsoft.AspNetCore.Builder;

namespace ErpCrm.Modules;

/// <summary>Endpoint metadata naming the features that must be on for an endpoint to answer.</summary>
public sealed class RequiresFeaturesMetadata(IReadOnlyList<string> featureIds)
{
    /// <summary>All of these must be enabled for the current tenant, otherwise the endpoint answers 404.</summary>
    public IReadOnlyList<string> FeatureIds { get; } = featureIds;
}

/// <summary>Helpers to gate endpoints by feature.</summary>
public static class FeatureEndpointExtensions
{
    /// <summary>
    /// Gates the endpoints on extra features. Endpoints mapped by a startup are already gated on the
    /// startup's feature; use this for an endpoint that needs more.
    /// </summary>
    public static TBuilder RequireFeatures<TBuilder>(this TBuilder builder, params string[] featureIds)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequiresFeaturesMetadata(featureIds));
        return builder;
    }
}
