using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>How a request finds its tenant: by host name, else by URL prefix, else Default; and what a tenant that is not running answers.</summary>
public abstract class TenantRoutingHttpTests(DatabaseProvider provider) : SetUpHostTests(provider, ownHost: true)
{
    [Fact]
    public async Task A_prefix_tenant_answers_under_its_prefix_in_any_case_and_Default_without_it()
    {
        var acmeAdmin = await Host.SetUpTenantAsync("Acme", "acme");
        await acmeAdmin.EnableFeaturesAsync("Test.Delta");

        Assert.Equal(HttpStatusCode.OK, await Host.CreateClient("acme/").StatusOfAsync("api/test/delta"));
        Assert.Equal(HttpStatusCode.OK, await Host.CreateClient("ACME/").StatusOfAsync("api/test/delta"));
        Assert.Equal(HttpStatusCode.NotFound, await Host.CreateClient().StatusOfAsync("api/test/delta"));
    }

    [Fact]
    public async Task A_tenant_bound_to_aHost_name_is_reached_by_thatHost_name_only()
    {
        var globexAdmin = await Host.SetUpTenantAsync("Globex", hosts: ["globex.example"]);
        await globexAdmin.EnableFeaturesAsync("Test.Plugin");

        using var byHostName = new HttpRequestMessage(HttpMethod.Get, "api/plugin/hello");
        byHostName.Headers.Host = "globex.example";
        var response = await Host.CreateClient().SendAsync(byHostName);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello from a plugin", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, await Host.CreateClient().StatusOfAsync("api/plugin/hello"));

        // The same token without the host name reaches Default, which does not know it, not even under /globex.
        Assert.Equal(HttpStatusCode.OK, (await globexAdmin.GetAsync("api/features")).StatusCode);
        var elsewhere = Host.CreateClient();
        elsewhere.DefaultRequestHeaders.Authorization = globexAdmin.DefaultRequestHeaders.Authorization;
        await (await elsewhere.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        // A host-name tenant has no prefix: under /globex, Default has nothing at all.
        await (await elsewhere.GetAsync("globex/api/features")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_tenant_that_is_created_but_not_set_up_answers_404_to_everything()
    {
        await Host.CreateTenantAsync("Pending", "pending");
        var visitor = Host.CreateClient("pending/", followRedirects: false);

        // A running tenant would ask for a token here (401): this one is not there yet.
        await (await visitor.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await visitor.GetAsync("setup")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await visitor.GetAsync("")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await visitor.PostAsync("setup", new FormUrlEncodedContent([]))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Host.CreateClient().GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class SqliteTenantRoutingHttpTests() : TenantRoutingHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresTenantRoutingHttpTests() : TenantRoutingHttpTests(DatabaseProvider.Postgres);
