using System.Runtime.CompilerServices;
using ErpCrm.Http;
using ErpCrm.Modules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Antiforgery;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// What the host's middleware asks of an endpoint's metadata, read once per endpoint rather than once per request: an endpoint's
/// metadata never changes after it is built, and every request to it would otherwise look the same types up again (each a
/// dictionary look-up, some an enumerator).
/// </summary>
public sealed class EndpointTraits
{
    private static readonly ConditionalWeakTable<Endpoint, EndpointTraits> Known = new();

    private EndpointTraits(Endpoint endpoint)
    {
        var metadata = endpoint.Metadata;
        DefaultTenantOnly = metadata.GetMetadata<DefaultTenantOnlyMetadata>() is not null;
        RequiredFeatures = metadata.GetOrderedMetadata<RequiresFeaturesMetadata>().SelectMany(r => r.FeatureIds).ToArray();
        ReadsOwnBody = metadata.GetMetadata<ReadsOwnBodyMetadata>() is not null;
        ValidatesAntiforgery = metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true };
        // What the authorization middleware does for such an endpoint when the request carries no credential: it answers no
        // challenge or refusal (the endpoint allows anonymous callers), and the anonymous user it would authenticate stays as is.
        // Any authorization data beside it (a policy, a role, a requirement) keeps the middleware in the way, as before.
        AnonymousOnly = metadata.GetMetadata<IAllowAnonymous>() is not null
            && metadata.GetMetadata<IAuthorizeData>() is null
            && metadata.GetMetadata<AuthorizationPolicy>() is null
            && metadata.GetMetadata<IAuthorizationRequirementData>() is null;
    }

    /// <summary>Only the Default tenant answers the endpoint (<see cref="DefaultTenantOnlyMetadata"/>).</summary>
    public bool DefaultTenantOnly { get; }

    /// <summary>Every feature the endpoint needs on (<see cref="RequiresFeaturesMetadata"/>, all of them together).</summary>
    public IReadOnlyList<string> RequiredFeatures { get; }

    /// <summary>The endpoint reads its body itself (<see cref="ReadsOwnBodyMetadata"/>).</summary>
    public bool ReadsOwnBody { get; }

    /// <summary>
    /// ASP.NET Core's antiforgery middleware checks the endpoint's form posts (<see cref="IAntiforgeryMetadata"/>); for any other endpoint
    /// it only notes that it ran, which nothing reads there.
    /// </summary>
    public bool ValidatesAntiforgery { get; }

    /// <summary>The endpoint allows anonymous callers and carries no authorization data of its own.</summary>
    public bool AnonymousOnly { get; }

    /// <summary>The traits of <paramref name="endpoint"/>, read on its first request.</summary>
    public static EndpointTraits Of(Endpoint endpoint) =>
        Known.TryGetValue(endpoint, out var traits) ? traits : Known.GetValue(endpoint, static e => new EndpointTraits(e));
}
