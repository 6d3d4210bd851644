using ErpCrm.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Modules;

/// <summary>A module's startup, created once, with what the catalog knows of it.</summary>
public sealed record LoadedStartup(StartupBase Instance, StartupDescriptor Descriptor);

/// <summary>
/// Registers every module's services once in the host's container, remembering which feature registered
/// which implementation, and maps every module's endpoints once, tagged with the features they need.
/// </summary>
public static class ModuleRegistration
{
    /// <summary>Creates the startups of every valid module, ordered by <see cref="StartupBase.Order"/>.</summary>
    public static IReadOnlyList<LoadedStartup> CreateStartups(ModuleCatalog catalog) =>
        catalog.Startups
            .Select(s => new LoadedStartup((StartupBase)Activator.CreateInstance(s.Type)!, s))
            .OrderBy(s => s.Instance.Order)
            .ThenBy(s => s.Descriptor.Type.FullName, StringComparer.Ordinal)
            .ToList();

    public static void ConfigureModuleServices(IServiceCollection services, ServiceFeatureMap map, IReadOnlyList<LoadedStartup> startups)
    {
        foreach (var startup in startups)
        {
            var before = services.Count;
            startup.Instance.ConfigureServices(services);
            for (var i = before; i < services.Count; i++)
            {
                var service = services[i];
                var implementation = service.IsKeyedService
                    ? service.KeyedImplementationType ?? service.KeyedImplementationInstance?.GetType()
                    : service.ImplementationType ?? service.ImplementationInstance?.GetType();
                var features = startup.Descriptor.AllFeatures;
                if (implementation is not null)
                {
                    map.Add(implementation, features);
                }
                else if (!service.IsKeyedService && service.ImplementationFactory is { } factory)
                {
                    // The type is known only once the factory runs: learn it then.
                    services[i] = new ServiceDescriptor(service.ServiceType, provider =>
                    {
                        var instance = factory(provider);
                        map.Add(instance.GetType(), features);
                        return instance;
                    }, service.Lifetime);
                }
            }
        }
    }

    /// <summary>Maps each startup's endpoints in a group that carries its features; <paramref name="configureGroup"/> adds the host's conventions.</summary>
    public static void MapModuleEndpoints(IEndpointRouteBuilder endpoints, IReadOnlyList<LoadedStartup> startups, Action<RouteGroupBuilder> configureGroup)
    {
        foreach (var startup in startups)
        {
            var group = endpoints.MapGroup("");
            group.WithMetadata(new RequiresFeaturesMetadata(startup.Descriptor.AllFeatures));
            configureGroup(group);
            startup.Instance.MapEndpoints(group);
        }
    }
}
