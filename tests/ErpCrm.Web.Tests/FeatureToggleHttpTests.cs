using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Web.Tests.Infrastructure;

namespace ErpCrm.Web.Tests;

/// <summary>Feature switching over HTTP, run on SQLite and on PostgreSQL alike.</summary>
public abstract class FeatureToggleHttpTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(provider);
        _admin = await _host.SetUpTenantAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Health_answers_200_once_the_host_is_ready()
    {
        var response = await _host.CreateClient().GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_module_endpoint_flips_between_200_and_404_as_its_feature_is_toggled_without_restart()
    {
        var anonymous = _host.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("api/test/delta")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync("api/features/Test.Delta/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("api/test/delta")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync("api/features/Test.Delta/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("api/test/delta")).StatusCode);
    }

    [Fact]
    public async Task Enabling_a_feature_with_dependencies_answers_409_listing_them_unless_forced()
    {
        var response = await _admin.PostAsync("api/features/Test.Gamma/enable", null);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Test.Alpha", "Test.Beta", "Test.Gamma"], problem.GetProperty("enable").EnumerateArray().Select(e => e.GetString()!).Order());

        Assert.Equal(HttpStatusCode.NotFound, (await _host.CreateClient().GetAsync("api/test/beta")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync("api/features/Test.Gamma/enable?force=true", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.CreateClient().GetAsync("api/test/beta")).StatusCode);
    }
}

public sealed class SqliteFeatureToggleHttpTests() : FeatureToggleHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresFeatureToggleHttpTests() : FeatureToggleHttpTests(DatabaseProvider.Postgres);
