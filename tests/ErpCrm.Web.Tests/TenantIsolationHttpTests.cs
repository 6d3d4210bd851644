using System.Net;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>Two companies on one host (Default, and Acme under /acme) share nothing: features, data or credentials.</summary>
public abstract class TenantIsolationHttpTests(DatabaseProvider provider) : SetUpHostTests(provider, ownHost: true)
{
    private HttpClient _acmeAdmin = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _acmeAdmin = await Host.SetUpTenantAsync("Acme", "acme");
    }

    [Fact]
    public async Task A_feature_enabled_in_one_tenant_stays_off_in_the_other()
    {
        var defaultVisitor = Host.CreateClient();
        var acmeVisitor = Host.CreateClient("acme/");

        await Admin.EnableFeaturesAsync("Test.Delta");
        Assert.Equal(HttpStatusCode.OK, await defaultVisitor.StatusOfAsync("api/test/delta"));
        Assert.Equal(HttpStatusCode.NotFound, await acmeVisitor.StatusOfAsync("api/test/delta"));
        Assert.DoesNotContain("Test.Delta", (await _acmeAdmin.GetFeatureStateAsync()).Enabled);

        await _acmeAdmin.EnableFeaturesAsync("Test.Delta");
        await Admin.DisableFeaturesAsync("Test.Delta");
        Assert.Equal(HttpStatusCode.NotFound, await defaultVisitor.StatusOfAsync("api/test/delta"));
        Assert.Equal(HttpStatusCode.OK, await acmeVisitor.StatusOfAsync("api/test/delta"));
    }

    [Fact]
    public async Task A_note_written_in_one_tenant_is_invisible_in_the_other()
    {
        await Admin.EnableFeaturesAsync("Test.Beta");
        await _acmeAdmin.EnableFeaturesAsync("Test.Beta");

        Assert.Equal(HttpStatusCode.Created, (await Admin.PostNoteAsync("Default's note")).StatusCode);
        Assert.Empty(await _acmeAdmin.GetNotesAsync());
        Assert.Equal(0, await _acmeAdmin.CountLogRowsAsync(TestModulesClient.BetaEventSource));

        Assert.Equal(HttpStatusCode.Created, (await _acmeAdmin.PostNoteAsync("Acme's note")).StatusCode);
        Assert.Equal(["Default's note"], await Admin.GetNotesAsync());
        Assert.Equal(["Acme's note"], await _acmeAdmin.GetNotesAsync());
    }

    [Fact]
    public async Task A_token_of_one_tenant_is_rejected_with_401_by_the_other()
    {
        var defaultTokenAtAcme = Host.CreateClient("acme/");
        defaultTokenAtAcme.DefaultRequestHeaders.Authorization = Admin.DefaultRequestHeaders.Authorization;
        var acmeTokenAtDefault = Host.CreateClient();
        acmeTokenAtDefault.DefaultRequestHeaders.Authorization = _acmeAdmin.DefaultRequestHeaders.Authorization;

        await (await defaultTokenAtAcme.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await acmeTokenAtDefault.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await defaultTokenAtAcme.PostFeatureChangeAsync("Test.Delta", enable: true)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("Test.Delta", (await _acmeAdmin.GetFeatureStateAsync()).Enabled);
    }

    [Fact]
    public async Task A_Default_only_feature_can_be_enabled_on_Default_but_not_on_another_tenant()
    {
        var problem = await (await _acmeAdmin.PostFeatureChangeAsync("Test.HostOnly", enable: true)).AssertProblemAsync(HttpStatusCode.BadRequest, "Feature cannot be changed");
        Assert.Contains("Default tenant", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostFeatureChangeAsync("Test.HostOnly", enable: true)).StatusCode);
        Assert.DoesNotContain("Test.HostOnly", (await _acmeAdmin.GetFeatureStateAsync()).Enabled);
    }
}

public sealed class SqliteTenantIsolationHttpTests() : TenantIsolationHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresTenantIsolationHttpTests() : TenantIsolationHttpTests(DatabaseProvider.Postgres);
