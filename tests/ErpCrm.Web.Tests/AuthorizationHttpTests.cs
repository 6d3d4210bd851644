using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>The features API needs a valid token of the tenant, of a user who holds ManageFeatures.</summary>
public abstract class AuthorizationHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task Without_a_token_the_api_answers_401_problem_and_changes_nothing()
    {
        await Admin.EnableFeaturesAsync("Test.Alpha");
        var anonymous = Host.CreateClient();

        var list = await anonymous.GetAsync("api/features");
        await list.AssertProblemAsync(HttpStatusCode.Unauthorized, "Authentication required");
        Assert.Equal("Bearer", Assert.Single(list.Headers.WwwAuthenticate).Scheme);
        await (await anonymous.PostFeatureChangeAsync("Test.Delta", enable: true)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostNoteAsync("anonymous")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Empty(await Admin.GetNotesAsync());
        Assert.DoesNotContain("Test.Delta", (await Admin.GetFeatureStateAsync()).Enabled);
    }

    [Fact]
    public async Task A_user_without_ManageFeatures_gets_403_problem_and_changes_nothing()
    {
        var clerk = ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk"));

        await (await clerk.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.Forbidden, "Forbidden");
        await (await clerk.PostFeatureChangeAsync("Test.Delta", enable: true, force: true)).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.DoesNotContain("Test.Delta", (await Admin.GetFeatureStateAsync()).Enabled);
    }

    [Fact]
    public async Task A_secondAdministrator_holds_every_permission()
    {
        var deputy = ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "deputy", KernelPermissions.AdministratorRole));

        Assert.Equal(HttpStatusCode.OK, (await deputy.PostFeatureChangeAsync("Test.Delta", enable: true)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_is_rejected_with_401()
    {
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync("api/features")).StatusCode);

        var token = Assert.Single((await (await Admin.GetAsync("api/me/tokens")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"api/me/tokens/{token.GetProperty("id").GetInt64()}")).StatusCode);

        var problem = await (await Admin.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString());
    }

    // Tokens and grants are cached per tenant (ApiAccess): each change below is honoured by the very next request on this node.
    [Fact]
    public async Task A_disabled_users_token_is_rejected_with_401_on_the_next_request()
    {
        var clerk = ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "clerk"));
        var id = (await (await clerk.GetAsync("api/me")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync($"api/users/{id}", new { email = "clerk@example.com", enabled = false, roles = Array.Empty<string>() })).StatusCode);

        await (await clerk.GetAsync("api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_permission_taken_from_a_role_is_refused_on_the_next_request_and_given_back_granted()
    {
        await Admin.CreateRoleAsync("Operators", KernelPermissions.ManageFeatures.Name);
        var operatorClient = ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "operator", "Operators"));
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync("api/features")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync("api/roles/Operators", new { description = "", permissions = Array.Empty<string>() })).StatusCode);
        await (await operatorClient.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.OK,
            (await Admin.PutAsJsonAsync("api/roles/Operators", new { description = "", permissions = new[] { KernelPermissions.ManageFeatures.Name } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync("api/features")).StatusCode);
    }

    public static TheoryData<string> ForeignTokens => ["erp_not-a-token-of-anyone", "garbage", "erp_" + new string('x', 300)];

    [Theory]
    [MemberData(nameof(ForeignTokens))]
    public async Task A_token_that_is_not_one_of_the_tenants_is_rejected_with_401(string token)
    {
        await (await ClientWithToken(token).GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private HttpClient ClientWithToken(string token)
    {
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class SqliteAuthorizationHttpTests() : AuthorizationHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresAuthorizationHttpTests() : AuthorizationHttpTests(DatabaseProvider.Postgres);
