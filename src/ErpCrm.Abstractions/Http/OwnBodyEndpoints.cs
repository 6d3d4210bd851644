using Microsoft.AspNetCore.Builder;

namespace ErpCrm.Http;

/// <summary>
/// Marks an endpoint that reads its request body itself, after checks that must come before any of it is read — a public
/// form's rate limit and its own small size limit. The host then leaves the body alone (it still checks the route values and
/// the query string), so an anonymous caller cannot make it buffer a large body ahead of those checks. Such an endpoint reads
/// its body with <see cref="LimitedBodies.ReadJsonAsync"/> (or <see cref="JsonBodies.ParseAsync"/>), which holds it to the same
/// <see cref="TextRules"/> as every other body.
/// </summary>
public sealed class ReadsOwnBodyMetadata
{
    /// <summary>The one instance endpoints carry.</summary>
    public static readonly ReadsOwnBodyMetadata Instance = new();

    private ReadsOwnBodyMetadata()
    {
    }
}

/// <summary>Declares endpoints that read their bodies themselves (<see cref="ReadsOwnBodyMetadata"/>).</summary>
public static class OwnBodyEndpoints
{
    /// <summary>The endpoint reads and checks its body itself, after its own limits; the host does not read it first.</summary>
    public static TBuilder ReadsOwnBody<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ReadsOwnBodyMetadata.Instance);
}
