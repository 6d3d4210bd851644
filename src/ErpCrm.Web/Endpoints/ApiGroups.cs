using ErpCrm.Core.Hosting;
using ErpCrm.Http;
using ErpCrm.Security;

namespace ErpCrm.Web.Endpoints;

/// <summary>The one way the host's APIs open a route group: a permission, the unit of work, a tag in the API reference.</summary>
internal static class ApiGroups
{
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder endpoints, string prefix, Permission permission, string tag) =>
        endpoints.MapGroup(prefix)
            .RequirePermission(permission)
            .AddEndpointFilter(UnitOfWorkFilter.Instance)
            .WithKernelTag(tag);

    /// <summary>What the kernel's tags of the API reference are about.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Audit"] = "The tenant's audit log: sign-ins, lockouts, users, roles, tokens and features, newest first.",
        ["Content items"] = "Items of any content type, in Orchard Core's ContentItem JSON, with versions, publishing and optimistic concurrency.",
        ["Content types"] = "Content type definitions in Orchard Core's JSON, and whole ContentDefinition steps.",
        ["Content parts"] = "Content part definitions and their fields, in Orchard Core's JSON.",
        ["Features"] = "The tenant's features: list, enable and disable, with their dependencies.",
        ["Me"] = "The signed-in caller: who they are, their roles and permissions.",
        ["My tokens"] = "The caller's own personal API tokens, for the Authorization: Bearer header.",
        ["Recipes"] = "The recipes the host offers, running one on the tenant, and exporting the tenant as a recipe.",
        ["Roles"] = "Roles, the permissions they grant, and the permissions the enabled features declare.",
        ["Users"] = "The tenant's users and their roles.",
    };

    /// <summary>Lists the endpoints under one of the kernel's tags, with its description.</summary>
    public static TBuilder WithKernelTag<TBuilder>(this TBuilder builder, string tag) where TBuilder : IEndpointConventionBuilder =>
        builder.WithTag(tag, TagDescriptions[tag]);
}
