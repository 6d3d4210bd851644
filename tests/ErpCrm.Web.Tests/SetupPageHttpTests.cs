using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Web.Tests;

/// <summary>A fresh host whose Default tenant is not set up: it shows its setup page and nothing else.</summary>
public abstract partial class SetupPageHttpTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Password = "Setup-password-42";

    private TestHost _host = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        // The page waits for setup long enough for any repository recipe on a busy machine; the progress page has its own test.
        _host = await TestHost.StartAsync(provider, setupAnswerWithin: TimeSpan.FromSeconds(60));
        _browser = _host.CreateClient(followRedirects: false);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

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
        Assert.NotEmpty(AntiforgeryField(html).Value);
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
        Assert.DoesNotContain(Password, html);
        Assert.DoesNotContain("siteName-error", html);
        await (await _browser.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Every_problem_of_the_form_is_shown_at_once_a_missing_company_name_a_bad_email_and_passwords_that_differ()
    {
        var form = GoodForm("");
        form["adminEmail"] = "not-an-address";
        form["adminPasswordConfirm"] = Password + "!";

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

    [Theory]
    [MemberData(nameof(RepositoryRecipes.SetupNames), MemberType = typeof(RepositoryRecipes))]
    public async Task A_good_form_sets_the_site_up_with_each_setup_recipe_and_then_the_api_answers_with_a_token(string recipe)
    {
        Assert.Contains($"<option value=\"{recipe}\"", await _browser.GetStringAsync("setup"));
        var form = GoodForm("Acme & Sons");
        form["recipe"] = recipe;

        var response = await PostWithTokenAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ErpCrm is set up", await response.Content.ReadAsStringAsync());
        var api = _host.CreateClient();
        await (await api.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _host.CreateTokenAsync(TenantInfo.DefaultName, "owner"));
        var enabled = (await api.GetFeatureStateAsync()).Enabled;
        Assert.Contains("ErpCrm.Kernel", enabled);
        Assert.All(RepositoryRecipes.EnabledFeatures(recipe), f => Assert.Contains(f, enabled));
        Assert.Equal(HttpStatusCode.NotFound, await _browser.StatusOfAsync("setup"));
    }

    [Fact]
    public async Task A_setup_that_takes_longer_than_a_moment_shows_its_progress_on_a_page_that_follows_it_to_the_end()
    {
        // This host answers the post at once, however quick setup is, so that the progress page is what the browser gets.
        await using var host = await TestHost.StartAsync(provider, setupAnswerWithin: TimeSpan.Zero);
        var browser = host.CreateClient(followRedirects: false);
        var form = GoodForm("Acme & Sons");
        form["connectionString"] = host.ConnectionString ?? "";
        var (tokenName, tokenValue) = AntiforgeryField(await browser.GetStringAsync("setup"));
        form[tokenName] = tokenValue;

        var posted = await browser.PostAsync("setup", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var progressUrl = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/setup?run=", progressUrl);
        string page;
        var refreshes = 0;
        do
        {
            page = await browser.GetStringAsync(progressUrl);
            if (page.Contains("http-equiv=\"refresh\""))
            {
                Assert.Contains("Setup is running", page);
                refreshes++;
                await Task.Delay(100);
            }
        }
        while (!page.Contains("ErpCrm is set up") && refreshes < 300);

        Assert.Contains("ErpCrm is set up", page);
        Assert.Contains("Running recipe", page);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page);
        var tenant = await host.Services.GetRequiredService<TenantRegistry>().FindAsync(TenantInfo.DefaultName, CancellationToken.None);
        Assert.Equal(TenantState.Running, tenant!.State);
    }

    private Dictionary<string, string> GoodForm(string siteName) => new()
    {
        ["siteName"] = siteName,
        ["adminUserName"] = "owner",
        ["adminEmail"] = "owner@example.com",
        ["adminPassword"] = Password,
        ["adminPasswordConfirm"] = Password,
        ["database"] = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
        ["connectionString"] = _host.ConnectionString ?? "",
        ["recipe"] = "blank",
    };

    /// <summary>Opens the page as a browser does (which sets the antiforgery cookie), then posts the form with the page's token.</summary>
    private async Task<HttpResponseMessage> PostWithTokenAsync(Dictionary<string, string> form)
    {
        var (name, value) = AntiforgeryField(await _browser.GetStringAsync("setup"));
        form[name] = value;
        return await _browser.PostAsync("setup", new FormUrlEncodedContent(form));
    }

    private static (string Name, string Value) AntiforgeryField(string html)
    {
        var match = HiddenInput().Match(html);
        Assert.True(match.Success, "The page has no hidden antiforgery field.");
        return (WebUtility.HtmlDecode(match.Groups[1].Value), WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex HiddenInput();
}

public sealed class SqliteSetupPageHttpTests() : SetupPageHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresSetupPageHttpTests() : SetupPageHttpTests(DatabaseProvider.Postgres);
