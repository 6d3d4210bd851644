using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ErpCrm.Web.Endpoints;

/// <summary>
/// The domain events the tenant's enabled features declare (what a workflow or an integration can listen to): name, description,
/// declaring features and payload schema. Readable by who may switch features, since that decides what is listed.
/// </summary>
internal static class DomainEventsApi
{
    public static void MapDomainEventsApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/events", List)
            .RequirePermission(KernelPermissions.ManageFeatures)
            .WithTags("Features");

    private static Ok<IReadOnlyList<DomainEventDescriptor>> List(IDomainEventCatalog catalog) => TypedResults.Ok(catalog.List());
}
