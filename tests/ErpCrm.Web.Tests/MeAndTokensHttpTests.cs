using ErpCrm.Core.Content.Items;
using System.Net;
using System.Net.Http.Json;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>/api/me for every signed-in user, and "My tokens" (/api/me/tokens): shown once, listed without secrets, revoked.</summary>
public abstract class MeAndTokensHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task Me_shows_the_caller_with_roles_permissions_and_tenant()
    {
        var me = await (await Admin.GetAsync("api/me")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("admin", me.Text("userName"));
        Assert.Equal("admin@example.com", me.Text("email"));
        Assert.Equal(Tenant, me.Text("tenant"));
        Assert.Equal([KernelPermissions.AdministratorRole], me.GetProperty("roles").Strings());
        Assert.Equal(new KernelPermissions().GetPermissions().Concat(new ContentPermissions().GetPermissions()).Select(p => p.Name).Order(), me.GetProperty("permissions").Strings().Order());
    }

    [Fact]
    public async Task Me_answers_a_user_without_any_permission_and_401_to_anonymous_callers()
    {
        var nobody = await Host.ClientOfNewUserAsync("nobody");

        var me = await (await nobody.GetAsync("api/me")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("nobody", me.Text("userName"));
        Assert.Empty(me.GetProperty("roles").EnumerateArray());
        Assert.Empty(me.GetProperty("permissions").EnumerateArray());
        await (await Host.CreateClient().GetAsync("api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_is_shown_once_listed_without_its_secret_and_stops_working_when_revoked()
    {
        var mia = await Host.ClientOfNewUserAsync("mia", "Staff");

        var response = await mia.PostAsJsonAsync("api/me/tokens", new { name = "laptop" });
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        var token = created.Text("token");
        var id = created.GetProperty("id").GetInt64();
        Assert.StartsWith(ApiTokenService.Prefix, token);
        Assert.Equal($"/api/me/tokens/{id}", response.Headers.Location?.OriginalString);
        var laptop = Host.ClientWithToken(token);
        Assert.Equal("mia", (await (await laptop.GetAsync("api/me")).ReadJsonAsync(HttpStatusCode.OK)).Text("userName"));

        var listed = await mia.GetAsync("api/me/tokens");
        var text = await listed.Content.ReadAsStringAsync();
        var entry = Assert.Single((await listed.ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray(), t => t.GetProperty("id").GetInt64() == id);
        Assert.Equal("laptop", entry.Text("name"));
        Assert.False(entry.GetProperty("revoked").GetBoolean());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, entry.GetProperty("lastUsedUtc").ValueKind);
        Assert.DoesNotContain(token, text);
        Assert.DoesNotContain(token[ApiTokenService.Prefix.Length..], text);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"api/me/tokens/{id}")).StatusCode);

        var problem = await (await laptop.GetAsync("api/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.Text("detail"));
        var revoked = Assert.Single((await (await mia.GetAsync("api/me/tokens")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray(), t => t.GetProperty("id").GetInt64() == id);
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await mia.DeleteAsync($"api/me/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mia.GetAsync("api/me")).StatusCode);
    }

    [Fact]
    public async Task Another_users_token_cannot_be_seen_or_revoked()
    {
        var mia = await Host.ClientOfNewUserAsync("mia", "Staff");
        var adminTokens = await (await Admin.GetAsync("api/me/tokens")).ReadJsonAsync(HttpStatusCode.OK);
        var adminTokenId = adminTokens.EnumerateArray().First().GetProperty("id").GetInt64();

        await (await mia.DeleteAsync($"api/me/tokens/{adminTokenId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await mia.DeleteAsync("api/me/tokens/999999")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.DoesNotContain((await (await mia.GetAsync("api/me/tokens")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray(),
            t => t.GetProperty("id").GetInt64() == adminTokenId);
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync("api/me")).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("101")]
    public async Task A_token_needs_a_name_of_1_to_100_characters(string? name)
    {
        name = name == "101" ? new string('n', 101) : name;

        await (await Admin.PostAsJsonAsync("api/me/tokens", new { name })).AssertFieldsAsync(HttpStatusCode.BadRequest, "name");
        await (await Admin.PostAsync("api/me/tokens", null)).AssertFieldsAsync(HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task The_identity_api_is_described_in_the_OpenAPI_document()
    {
        await Admin.EnableFeaturesAsync("ErpCrm.OpenApi");

        var document = await (await Host.CreateClient().GetAsync("api/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Superset(new HashSet<string> { "/api/me", "/api/me/tokens", "/api/me/tokens/{id}", "/api/users", "/api/users/{id}", "/api/roles", "/api/roles/{name}", "/api/permissions", "/api/audit" },
            paths.Select(p => p.TrimEnd('/')).ToHashSet());
    }

    [Fact]
    public async Task Tokens_need_ManageOwnApiTokens_and_a_signed_in_user()
    {
        var nobody = await Host.ClientOfNewUserAsync("nobody");

        await (await nobody.GetAsync("api/me/tokens")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await nobody.PostAsJsonAsync("api/me/tokens", new { name = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await Host.CreateClient().GetAsync("api/me/tokens")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class SqliteMeAndTokensHttpTests() : MeAndTokensHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresMeAndTokensHttpTests() : MeAndTokensHttpTests(DatabaseProvider.Postgres);
