using System.Net;
using System.Net.Http.Headers;
using ErpCrm.Data;
using ErpCrm.Testing;
using ErpCrm.Web.Hosting;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Bodies over the host's size limit, which the probe of the running host found answered 500: a 413 naming the limit, and nothing
/// logged as a server error. On a host of its own, whose log holds this test's errors only.
/// </summary>
public abstract class BodyLimitHttpTests(DatabaseProvider provider) : SetUpHostTests(provider, ownHost: true)
{
    /// <summary>Sent as curl sends a large body, announcing it first (<c>Expect: 100-continue</c>), so that the refusal arrives before the
    /// bytes are sent: a client that sends them anyway has its connection closed under it, answer or not.</summary>
    [Theory]
    [InlineData("api/recipes/run", "application/json")]
    [InlineData("api/contacts/import", "text/csv")]
    public async Task A_body_over_the_host_limit_is_refused_with_413_and_a_problem_naming_the_limit(string path, string contentType)
    {
        await Admin.EnableFeaturesAsync(ContactsClient.Feature);
        var log = ServerErrorLog.AttachTo(Host);
        var body = new byte[31 * 1024 * 1024];
        Array.Fill(body, (byte)' ');

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } } };
        request.Headers.ExpectContinue = true;

        using var response = await Admin.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains($"{ErpCrmWebHost.MaxRequestBodyBytes:N0} bytes", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
        Assert.Empty(log.Errors);
    }
}

public sealed class SqliteBodyLimitHttpTests() : BodyLimitHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresBodyLimitHttpTests() : BodyLimitHttpTests(DatabaseProvider.Postgres);
