using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Modules;

/// <summary>
/// A module's entry point. The host creates every startup once, registers its services in the one shared
/// container, and maps its endpoints once; the kernel then switches them per tenant by feature.
/// </summary>
/// <remarks>
/// A startup belongs to its module's main feature unless it carries <see cref="FeatureAttribute"/>.
/// Services registered here that implement an extension point (domain-event handlers, feature event
/// handlers, permission providers, outbox consumers…) are only used for tenants where that feature is on.
/// Endpoints mapped here answer 404 for tenants where the feature is off.
/// </remarks>
public abstract class StartupBase
{
    /// <summary>Orders startups within the host; lower runs first.</summary>
    public virtual int Order => 0;

    /// <summary>Registers the module's services.</summary>
    public virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>Maps the module's endpoints (minimal APIs, pages).</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}
