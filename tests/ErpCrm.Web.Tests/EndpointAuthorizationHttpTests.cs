using System.Net;
using System.Text;
using ErpCrm.Data;
using ErpCrm.Security;
using ErpCrm.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Every endpoint the running host serves (minimal APIs, module and plugin endpoints, Razor Pages) requires a permission
/// unless it is marked public (<c>AllowAnonymous</c>) or open to any signed-in user (<see cref="AnySignedInUserAttribute"/>).
/// The endpoints are read from the host itself, so one added without a permission fails this test.
/// </summary>
public abstract class EndpointAuthorizationHttpTests(DatabaseProvider provider, ITestOutputHelper output) : SetUpHostTests(provider, ownHost: true)
{
    /// <summary>The methods tried on an endpoint that accepts any (a Razor Page, <c>Map</c>).</summary>
    private static readonly string[] AnyMethod = [HttpMethods.Get, HttpMethods.Post];

    private sealed record Candidate(RouteEndpoint Endpoint, string Path, IReadOnlyList<string> Methods, bool IsPublic, bool AnySignedInUser)
    {
        public override string ToString() => $"{string.Join(",", Methods)} /{Path} ({Endpoint.DisplayName})";
    }

    [Fact]
    public async Task Every_endpoint_that_is_not_public_refuses_anonymous_callers_and_callers_without_its_permission()
    {
        await Host.EnableEveryFeatureAsync(Admin);
        var candidates = Candidates();
        var anonymous = Host.CreateClient(followRedirects: false);
        var powerless = Host.ClientWithToken(await Host.CreateUserWithTokenAsync(Tenant, "powerless"), followRedirects: false);

        var failures = new List<string>();
        foreach (var candidate in candidates.Where(c => !c.IsPublic))
        {
            foreach (var method in candidate.Methods)
            {
                using var challenged = await SendAsync(anonymous, method, candidate.Path);
                if (!IsChallenge(challenged))
                {
                    failures.Add($"{method} /{candidate.Path} ({candidate.Endpoint.DisplayName}): anonymous got {Describe(challenged)}, not 401 or a redirect to /login");
                }
                if (candidate.AnySignedInUser)
                {
                    continue;
                }
                using var denied = await SendAsync(powerless, method, candidate.Path);
                if (denied.StatusCode != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{method} /{candidate.Path} ({candidate.Endpoint.DisplayName}): a user without permissions got {Describe(denied)}, not 403");
                }
            }
        }

        output.WriteLine("Checked:\n  " + string.Join("\n  ", candidates.Where(c => !c.IsPublic)));
        output.WriteLine("Public:\n  " + string.Join("\n  ", candidates.Where(c => c.IsPublic)));
        Assert.True(failures.Count == 0, "Endpoints that do not require their permission:\n" + string.Join("\n", failures));
    }

    /// <summary>Every route endpoint of the running host, with a request path built from its pattern.</summary>
    private List<Candidate> Candidates()
    {
        var source = Host.Services.GetRequiredService<EndpointDataSource>();
        var candidates = source.Endpoints.OfType<RouteEndpoint>()
            .Select(e => new Candidate(
                e,
                PathOf(e.RoutePattern),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods.ToList() : AnyMethod,
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                e.Metadata.GetMetadata<AnySignedInUserAttribute>() is not null))
            .ToList();
        // The enumeration must see every source: the host's endpoints, the modules' groups and the plugin's.
        var patterns = candidates.Select(c => c.Endpoint.RoutePattern.RawText?.Trim('/')).ToHashSet();
        Assert.Superset(new HashSet<string?> { "api/features", "api/users/{id:long}", "api/me/tokens/{id:long}", "api/test/notes", "api/plugin/hello", "setup" }, patterns);
        return candidates;
    }

    /// <summary>
    /// A path that the pattern matches: a plausible value for each parameter (by its constraints), optional
    /// parameters left out. The values are unlike the literal segments of other routes ("me", "tokens"), so the path
    /// reaches this endpoint.
    /// </summary>
    private static string PathOf(RoutePattern pattern)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        text.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        text.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart { IsOptional: true }:
                        break;
                    case RoutePatternParameterPart parameter:
                        text.Append(parameter.Default?.ToString() ?? SampleFor(parameter));
                        break;
                }
            }
            if (text.Length > 0)
            {
                segments.Add(text.ToString());
            }
        }
        return string.Join("/", segments);
    }

    private static string SampleFor(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        if (constraints.Any(c => c is "int" or "long" or "decimal" or "double" or "float" || c.StartsWith("min", StringComparison.Ordinal) || c.StartsWith("max", StringComparison.Ordinal) || c.StartsWith("range", StringComparison.Ordinal)))
        {
            return "1";
        }
        return constraints.Contains("guid") ? "00000000-0000-0000-0000-000000000001"
            : constraints.Contains("bool") ? "true"
            : constraints.Contains("datetime") ? "2025-01-31"
            : "sample";
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method is "GET" or "HEAD" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
        });

    /// <summary>401 (the API), or a redirect to the sign-in page (pages).</summary>
    private static bool IsChallenge(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Unauthorized
        || (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb
            && response.Headers.Location is { } location
            && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]).EndsWith("/login", StringComparison.OrdinalIgnoreCase));

    private static string Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode}{(response.Headers.Location is { } location ? " to " + location : "")}";
}

public sealed class SqliteEndpointAuthorizationHttpTests(ITestOutputHelper output) : EndpointAuthorizationHttpTests(DatabaseProvider.Sqlite, output);

public sealed class PostgresEndpointAuthorizationHttpTests(ITestOutputHelper output) : EndpointAuthorizationHttpTests(DatabaseProvider.Postgres, output);
