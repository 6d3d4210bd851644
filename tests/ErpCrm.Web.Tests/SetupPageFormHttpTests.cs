using System.Net;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// A host whose Default tenant is never set up, shared by the tests of a class that only try what must set nothing up: each of them checks
/// that the API still answers "Not set up" afterwards, so that one which did set the site up fails itself.
/// </summary>
public abstract class NotSetUpHost(DatabaseProvider provider) : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public DatabaseProvider Provider => provider;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync(provider);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SqliteNotSetUpHost() : NotSetUpHost(DatabaseProvider.Sqlite);

public sealed class PostgresNotSetUpHost() : NotSetUpHost(DatabaseProvider.Postgres);

/// <summary>The setup page of a host not set up: what it shows, and the forms it refuses without setting anything up.</summary>
public abstract class SetupPageFormHttpTests(NotSetUpHost fixture) : IDisposable
{
    private readonly HttpClient _browser = fixture.Host.CreateClient(followRedirects: false);

    private Dictionary<string, string> GoodForm(string siteName) => SetupForm.Good(fixture.Host, siteName);

    private Task<HttpResponseMessage> PostWithTokenAsync(Dictionary<string, string> form) => SetupForm.PostWithTokenAsync(_browser, form);

    public void Dispose() => _browser.Dispose();

    [Fact]
    public async Task Before_setup_a_page_redirects_the_browser_to_the_setup_page()
    {
        foreach (var path in new[] { "", "contacts/42" })
        {
            var response = await _browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/setup", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Before_setup_the_api_answers_503_problem_pointing_to_setup()
    {
        var problem = await (await _browser.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "Not set up");
        Assert.Contains("/setup", problem.GetProperty("detail").GetString());
        await (await _browser.PostAsync("api/features/Test.Delta/enable", null)).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Before_setup_the_setup_page_shows_the_form_with_an_antiforgery_token()
    {
        var response = await _browser.GetAsync("setup");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"/setup\"", html);
        foreach (var field in new[] { "siteName", "adminUserName", "adminEmail", "adminPassword", "adminPasswordConfirm", "database", "recipe" })
        {
            Assert.Contains($"name=\"{field}\"", html);
        }
        Assert.NotEmpty(SetupForm.AntiforgeryField(html).Value);
    }

    [Fact]
    public async Task Posting_the_form_without_its_antiforgery_token_is_rejected_with_400_and_sets_nothing_up()
    {
        var response = await _browser.PostAsync("setup", new FormUrlEncodedContent(GoodForm("Acme & Sons")));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid form");
        await (await _browser.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task A_bad_email_keeps_what_was_typed_and_shows_the_error_next_to_the_field_but_never_the_password()
    {
        var form = GoodForm("Acme & Sons");
        form["adminEmail"] = "not-an-address";

        var response = await PostWithTokenAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("value=\"Acme &amp; Sons\"", html);
        Assert.Contains("value=\"not-an-address\"", html);
        Assert.Matches("<input id=\"adminEmail\" aria-invalid=\"true\" aria-describedby=\"adminEmail-error\"[^>]*><p class=\"error\" id=\"adminEmail-error\">[^<]+</p>", html);
        Assert.DoesNotContain(SetupForm.Password, html);
        Assert.DoesNotContain("siteName-error", html);
        await (await _browser.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Every_problem_of_the_form_is_shown_at_once_a_missing_company_name_a_bad_email_and_passwords_that_differ()
    {
        var form = GoodForm("");
        form["adminEmail"] = "not-an-address";
        form["adminPasswordConfirm"] = SetupForm.Password + "!";

        var response = await PostWithTokenAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"siteName-error\">Enter the company name.", html);
        Assert.Matches("id=\"adminEmail-error\">[^<]+", html);
        Assert.Contains("id=\"adminPasswordConfirm-error\">The two passwords differ.", html);
        Assert.Contains("value=\"not-an-address\"", html);
        await (await _browser.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    /// <summary>A tab passes the host's rule for text (line breaks and tabs are text) but a name holds none: the page says so at the field.</summary>
    [Fact]
    public async Task A_site_name_with_a_control_character_is_refused_next_to_the_field_and_sets_nothing_up()
    {
        var response = await PostWithTokenAsync(GoodForm("Acme\tLtd"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("id=\"siteName-error\">The site name must not contain control characters \\(U\\+0009 at position 5\\)",
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        await (await _browser.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    /// <summary>Text no field may hold (an escape sequence) is refused by the host before the page runs: a browser gets a page naming it.</summary>
    [Fact]
    public async Task Text_no_field_may_hold_is_refused_before_the_page_with_a_page_naming_it_and_sets_nothing_up()
    {
        _browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var response = await PostWithTokenAsync(GoodForm("Acme\u001b[2J"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("siteName must not contain control characters other than line breaks and tabs (U+001B at position 5).",
            WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        _browser.DefaultRequestHeaders.Accept.Clear();
        await (await _browser.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }
}

public sealed class SqliteSetupPageFormHttpTests(SqliteNotSetUpHost fixture) : SetupPageFormHttpTests(fixture), IClassFixture<SqliteNotSetUpHost>;

public sealed class PostgresSetupPageFormHttpTests(PostgresNotSetUpHost fixture) : SetupPageFormHttpTests(fixture), IClassFixture<PostgresNotSetUpHost>;
