using ErpCrm.Modules;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace ErpCrm.OpenApi;

/// <summary>
/// Leaves out of the document the operations whose features are off for the requesting tenant, so that the reference shows what the
/// tenant can call. The transformers' services are the request's own (the document is built per request), so the tenant's features are
/// read there, not through the HTTP context.
/// </summary>
internal static class TenantOperations
{
    private const string Hidden = "erpcrm:feature-off";

    /// <summary>Marks an operation whose features are not all on (an operation transformer cannot remove its operation).</summary>
    public static Task MarkAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var features = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiresFeaturesMetadata>().SelectMany(m => m.FeatureIds);
        var enabled = context.ApplicationServices.GetService<ITenantFeatures>();
        if (enabled is null || !features.All(enabled.IsEnabled))
        {
            (operation.Metadata ??= new Dictionary<string, object>())[Hidden] = true;
        }
        return Task.CompletedTask;
    }

    /// <summary>Removes the marked operations, and the paths left without any.</summary>
    public static Task RemoveAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (path, item) in document.Paths.ToList())
        {
            if (item is not OpenApiPathItem { Operations: { } operations } pathItem)
            {
                continue;
            }
            foreach (var (method, _) in operations.Where(o => o.Value.Metadata?.ContainsKey(Hidden) == true).ToList())
            {
                pathItem.Operations.Remove(method);
            }
            if (pathItem.Operations.Count == 0)
            {
                document.Paths.Remove(path);
            }
        }
        return Task.CompletedTask;
    }
}
