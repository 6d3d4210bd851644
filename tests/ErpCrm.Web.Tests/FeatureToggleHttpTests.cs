using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>Feature switching over HTTP, run on SQLite and on PostgreSQL alike.</summary>
public abstract class FeatureToggleHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task Health_answers_200_once_the_host_is_ready()
    {
        var response = await Host.CreateClient().GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_module_endpoint_flips_between_200_and_404_as_its_feature_is_toggled_without_restart()
    {
        var anonymous = Host.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("api/test/delta")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync("api/features/Test.Delta/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("api/test/delta")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync("api/features/Test.Delta/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("api/test/delta")).StatusCode);
    }

    [Fact]
    public async Task Enabling_a_feature_with_dependencies_answers_409_listing_them_unless_forced()
    {
        var response = await Admin.PostAsync("api/features/Test.Gamma/enable", null);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Test.Alpha", "Test.Beta", "Test.Gamma"], problem.GetProperty("enable").EnumerateArray().Select(e => e.GetString()!).Order());

        Assert.Equal(HttpStatusCode.NotFound, (await Host.CreateClient().GetAsync("api/test/beta")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync("api/features/Test.Gamma/enable?force=true", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Host.CreateClient().GetAsync("api/test/beta")).StatusCode);
    }

    [Fact]
    public async Task A_bridge_feature_and_endpoints_that_require_two_features_follow_both_features()
    {
        var visitor = Host.CreateClient();
        await Admin.EnableFeaturesAsync("Test.Alpha");
        Assert.Equal(HttpStatusCode.NotFound, await visitor.StatusOfAsync("api/test/bridge"));
        Assert.Equal(HttpStatusCode.NotFound, await visitor.StatusOfAsync("api/test/alpha-with-delta"));

        var unconfirmed = await Admin.PostFeatureChangeAsync("Test.Delta", enable: true);
        var problem = await unconfirmed.AssertProblemAsync(HttpStatusCode.Conflict, "More features would change");
        Assert.Equal(["Test.Bridge", "Test.Delta"], problem.GetProperty("enable").Strings().Order());
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostFeatureChangeAsync("Test.Delta", enable: true, force: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await visitor.StatusOfAsync("api/test/bridge"));
        Assert.Equal(HttpStatusCode.OK, await visitor.StatusOfAsync("api/test/alpha-with-delta"));
        Assert.Contains("Test.Bridge", (await Admin.GetFeatureStateAsync()).Enabled);

        problem = await (await Admin.PostFeatureChangeAsync("Test.Delta", enable: false)).AssertProblemAsync(HttpStatusCode.Conflict, "More features would change");
        Assert.Equal(["Test.Bridge", "Test.Delta"], problem.GetProperty("disable").Strings().Order());
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostFeatureChangeAsync("Test.Delta", enable: false, force: true)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await visitor.StatusOfAsync("api/test/bridge"));
        Assert.Equal(HttpStatusCode.NotFound, await visitor.StatusOfAsync("api/test/alpha-with-delta"));
        Assert.Equal(HttpStatusCode.OK, await visitor.StatusOfAsync("api/test/alpha"));

        await Admin.EnableFeaturesAsync("Test.Delta");
        await Admin.DisableFeaturesAsync("Test.Alpha");
        Assert.Equal(HttpStatusCode.NotFound, await visitor.StatusOfAsync("api/test/bridge"));
        Assert.Equal(HttpStatusCode.NotFound, await visitor.StatusOfAsync("api/test/alpha-with-delta"));
        Assert.Equal(HttpStatusCode.OK, await visitor.StatusOfAsync("api/test/delta"));
    }

    [Fact]
    public async Task A_plugin_loaded_from_its_folder_answers_once_its_feature_is_enabled()
    {
        var visitor = Host.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, await visitor.StatusOfAsync("api/plugin/hello"));

        await Admin.EnableFeaturesAsync("Test.Plugin");

        var hello = await visitor.GetFromJsonAsync<JsonElement>("api/plugin/hello");
        Assert.Equal("Hello from a plugin", hello.GetProperty("message").GetString());
        Assert.Equal("ErpCrm.Tests.Plugin", hello.GetProperty("assembly").GetString());
    }
}

public sealed class SqliteFeatureToggleHttpTests() : FeatureToggleHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresFeatureToggleHttpTests() : FeatureToggleHttpTests(DatabaseProvider.Postgres);
