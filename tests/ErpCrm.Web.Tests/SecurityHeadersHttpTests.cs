using System.Net;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Every answer of the host — a page, an API answer, a static file, a 404, a problem — carries the headers that keep it from being
/// framed, sniffed or leaking its address, and a Content-Security-Policy that runs no inline script.
/// </summary>
public abstract partial class SecurityHeadersHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        string Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";
        Assert.True(Header("X-Content-Type-Options") == "nosniff", $"{what}: X-Content-Type-Options is '{Header("X-Content-Type-Options")}'");
        Assert.True(Header("X-Frame-Options") == "DENY", $"{what}: X-Frame-Options is '{Header("X-Frame-Options")}'");
        Assert.True(Header("Referrer-Policy") == "same-origin", $"{what}: Referrer-Policy is '{Header("Referrer-Policy")}'");
        var policy = Directives(Header("Content-Security-Policy"));
        Assert.True(policy.GetValueOrDefault("frame-ancestors") == "'none'", $"{what}: frame-ancestors is '{policy.GetValueOrDefault("frame-ancestors")}'");
        Assert.True(policy.GetValueOrDefault("script-src") == "'self'", $"{what}: script-src is '{policy.GetValueOrDefault("script-src")}'");
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'none'", policy["object-src"]);
    }

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    [Fact]
    public async Task Pages_api_answers_static_files_404s_and_problems_all_carry_the_security_headers()
    {
        var browser = BrowserSession.Open(Host);
        using var login = await browser.Client.GetAsync("login");
        await browser.SignInOrFailAsync("admin", TestHost.AdminPassword);
        using var admin = await browser.Client.GetAsync("admin");
        using var api = await Admin.GetAsync("api/features");
        using var script = await Host.CreateClient().GetAsync("js/admin.js");
        using var style = await Host.CreateClient().GetAsync("css/admin.css");
        using var missingPage = await browser.Client.GetAsync("admin/no-such-page");
        using var missingFile = await Host.CreateClient().GetAsync("js/no-such-file.js");
        using var unauthorized = await Host.CreateClient().GetAsync("api/features");
        using var invalid = await Admin.PostAsync("api/roles", null);

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingFile.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        foreach (var (response, what) in new[]
                 {
                     (login, "the sign-in page"), (admin, "the dashboard"), (api, "an API answer"), (script, "a script file"), (style, "a style sheet"),
                     (missingPage, "a missing page"), (missingFile, "a missing file"), (unauthorized, "a 401 problem"), (invalid, "a 400 problem"),
                 })
        {
            AssertSecurityHeaders(response, what);
        }
    }

    [Fact]
    public async Task The_admin_pages_policy_forbids_inline_script_and_style_and_their_html_has_none()
    {
        var browser = await SignInAdminAsync();

        using var response = await browser.Client.GetAsync("admin/roles");
        var html = await response.Content.ReadAsStringAsync();

        var policy = Directives(string.Join("", response.Headers.GetValues("Content-Security-Policy")));
        Assert.DoesNotContain("unsafe-inline", policy["script-src"]);
        Assert.DoesNotContain("unsafe-inline", policy["style-src"]);
        Assert.DoesNotContain("nonce-", policy["script-src"]);
        Assert.All(ScriptTags().Matches(html), tag => Assert.Contains(" src=", tag.Value));
        Assert.DoesNotMatch(InlineHandlerOrStyle(), html);
    }

    [Fact]
    public async Task The_api_reference_page_runs_only_its_own_nonced_script()
    {
        await Admin.EnableFeaturesAsync("ErpCrm.OpenApi");

        using var response = await Host.CreateClient().GetAsync("api/docs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeadersExceptScript(response);
        var policy = Directives(string.Join("", response.Headers.GetValues("Content-Security-Policy")));
        var nonce = NonceSource().Match(policy["script-src"]);
        Assert.True(nonce.Success, $"script-src is '{policy["script-src"]}'");
        Assert.Equal($"'self' 'nonce-{nonce.Groups[1].Value}'", policy["script-src"]);
        Assert.All(ScriptTags().Matches(html), tag => Assert.Contains($"nonce=\"{nonce.Groups[1].Value}\"", tag.Value));
        using var again = await Host.CreateClient().GetAsync("api/docs");
        Assert.DoesNotContain(nonce.Groups[1].Value, string.Join("", again.Headers.GetValues("Content-Security-Policy"))); // a nonce serves one answer
    }

    private static void AssertSecurityHeadersExceptScript(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join("", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("'none'", Directives(string.Join("", response.Headers.GetValues("Content-Security-Policy")))["frame-ancestors"]);
    }

    [GeneratedRegex("<script\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTags();

    [GeneratedRegex("<[^>]+\\s(on[a-z]+|style)\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandlerOrStyle();

    [GeneratedRegex("'nonce-([A-Za-z0-9_-]+)'")]
    private static partial Regex NonceSource();
}

public sealed class SqliteSecurityHeadersHttpTests() : SecurityHeadersHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresSecurityHeadersHttpTests() : SecurityHeadersHttpTests(DatabaseProvider.Postgres);
