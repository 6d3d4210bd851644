using ErpCrm.Core.Hosting;
using ErpCrm.Modules;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Core.Tests;

public sealed class EndpointTraitsTests
{
    [Fact]
    public void Only_an_endpoint_that_allows_anonymous_callers_and_carries_no_authorization_data_skips_authorization()
    {
        Assert.True(Traits(new AllowAnonymousAttribute()).AnonymousOnly);
        Assert.False(Traits().AnonymousOnly);
        Assert.False(Traits(new AllowAnonymousAttribute(), new AuthorizeAttribute("some-policy")).AnonymousOnly);
        Assert.False(Traits(new AllowAnonymousAttribute(), new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()).AnonymousOnly);
        Assert.False(Traits(new AuthorizeAttribute()).AnonymousOnly);
    }

    [Fact]
    public void The_features_an_endpoint_needs_are_those_of_every_requirement_in_order()
    {
        var traits = Traits(new RequiresFeaturesMetadata(["A", "B"]), new RequiresFeaturesMetadata(["C"]));

        Assert.Equal(["A", "B", "C"], traits.RequiredFeatures);
        Assert.Empty(Traits().RequiredFeatures);
    }

    [Fact]
    public void Antiforgery_is_checked_where_the_endpoint_asks_for_it_and_only_there()
    {
        Assert.True(Traits(new RequireAntiforgeryTokenAttribute()).ValidatesAntiforgery);
        Assert.False(Traits(new RequireAntiforgeryTokenAttribute(required: false)).ValidatesAntiforgery);
        Assert.False(Traits().ValidatesAntiforgery);
    }

    [Fact]
    public void An_endpoint_is_read_once()
    {
        var endpoint = new Endpoint(null, new EndpointMetadataCollection(new AllowAnonymousAttribute()), "once");

        Assert.Same(EndpointTraits.Of(endpoint), EndpointTraits.Of(endpoint));
    }

    private static EndpointTraits Traits(params object[] metadata) =>
        EndpointTraits.Of(new Endpoint(null, new EndpointMetadataCollection(metadata), "test"));
}
