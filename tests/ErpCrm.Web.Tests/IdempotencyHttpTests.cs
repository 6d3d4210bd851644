using System.Net;
using System.Net.Http.Json;
using ErpCrm.Core.Hosting;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>Creating calls sent with an Idempotency-Key can be retried safely: the first success is answered again, nothing runs twice.</summary>
public abstract class IdempotencyHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task A_retried_create_with_the_same_key_gets_the_same_answer_and_creates_once()
    {
        var first = await PostAsync(Admin, "api/users", "key-1", IdentityClient.NewUser("mia"));
        var retry = await PostAsync(Admin, "api/users", "key-1", IdentityClient.NewUser("mia"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("application/json", retry.Content.Headers.ContentType?.MediaType);
        Assert.False(first.Headers.Contains(IdempotencyFilter.ReplayedHeaderName));
        Assert.Equal(["true"], retry.Headers.GetValues(IdempotencyFilter.ReplayedHeaderName));
        Assert.Single(await Admin.GetAuditAsync($"kind={AuditKinds.UserCreated}"));
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_create_once_and_all_get_the_answer()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(Admin, "api/roles", "burst", new { name = "Sales", permissions = new[] { "AccessAdmin" } })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single((await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))).Distinct());
        Assert.Single(await Admin.GetAuditAsync($"kind={AuditKinds.RoleCreated}"));
    }

    [Fact]
    public async Task The_same_key_for_another_request_answers_422_and_runs_nothing()
    {
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Admin, "api/users", "key-1", IdentityClient.NewUser("mia"))).StatusCode);

        var problem = await (await PostAsync(Admin, "api/users", "key-1", IdentityClient.NewUser("max"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await PostAsync(Admin, "api/roles", "key-1", new { name = "Sales", permissions = Array.Empty<string>() })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.GetProperty("errors").TryGetProperty(IdempotencyFilter.HeaderName, out _));
        Assert.Equal(["admin", "mia"], (await (await Admin.GetAsync("api/users")).ReadJsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(u => u.Text("userName")));
    }

    [Fact]
    public async Task A_failed_call_is_not_kept_so_its_key_can_be_retried()
    {
        await (await PostAsync(Admin, "api/users", "key-1", new { userName = "mia" })).AssertFieldsAsync(HttpStatusCode.BadRequest, "email", "password");

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Admin, "api/users", "key-1", IdentityClient.NewUser("mia"))).StatusCode);
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        var deputy = await Host.ClientOfNewUserAsync("deputy", KernelPermissions.AdministratorRole);

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Admin, "api/users", "shared", IdentityClient.NewUser("mia"))).StatusCode);
        var other = await PostAsync(deputy, "api/users", "shared", IdentityClient.NewUser("max"));

        Assert.Equal("max", (await other.ReadJsonAsync(HttpStatusCode.Created)).Text("userName"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("201")]
    public async Task A_malformed_key_answers_400_naming_the_header(string key)
    {
        key = key == "201" ? new string('k', 201) : key;

        await (await PostAsync(Admin, "api/users", key, IdentityClient.NewUser("mia"))).AssertFieldsAsync(HttpStatusCode.BadRequest, IdempotencyFilter.HeaderName);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation(IdempotencyFilter.HeaderName, key);
        return client.SendAsync(request);
    }
}

public sealed class SqliteIdempotencyHttpTests() : IdempotencyHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresIdempotencyHttpTests() : IdempotencyHttpTests(DatabaseProvider.Postgres);
