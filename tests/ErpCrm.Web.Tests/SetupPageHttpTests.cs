using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Web.Tests;

/// <summary>
/// The setup page setting a site up: each test starts a host of its own whose Default tenant is not set up (what the page refuses, on a
/// host shared by those tests, is in <see cref="SetupPageFormHttpTests"/>).
/// </summary>
public abstract class SetupPageHttpTests(DatabaseProvider provider)
{
    [Theory]
    [MemberData(nameof(RepositoryRecipes.SetupNames), MemberType = typeof(RepositoryRecipes))]
    public async Task A_good_form_sets_the_site_up_with_each_setup_recipe_and_then_the_api_answers_with_a_token(string recipe)
    {
        // The page waits for setup long enough for any repository recipe on a busy machine; the progress page has its own test.
        await using var host = await TestHost.StartAsync(provider, setupAnswerWithin: TimeSpan.FromSeconds(60));
        var browser = host.CreateClient(followRedirects: false);
        Assert.Contains($"<option value=\"{recipe}\"", await browser.GetStringAsync("setup"));
        var form = SetupForm.Good(host, "Acme & Sons");
        form["recipe"] = recipe;

        var response = await SetupForm.PostWithTokenAsync(browser, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ErpCrm is set up", await response.Content.ReadAsStringAsync());
        var api = host.CreateClient();
        await (await api.GetAsync("api/features")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await host.CreateTokenAsync(TenantInfo.DefaultName, "owner"));
        var enabled = (await api.GetFeatureStateAsync()).Enabled;
        Assert.Contains("ErpCrm.Kernel", enabled);
        Assert.All(RepositoryRecipes.EnabledFeatures(recipe), f => Assert.Contains(f, enabled));
        Assert.Equal(HttpStatusCode.NotFound, await browser.StatusOfAsync("setup"));
    }

    [Fact]
    public async Task A_setup_that_takes_longer_than_a_moment_shows_its_progress_on_a_page_that_follows_it_to_the_end()
    {
        // This host answers the post at once, however quick setup is, so that the progress page is what the browser gets.
        await using var host = await TestHost.StartAsync(provider, setupAnswerWithin: TimeSpan.Zero);
        var browser = host.CreateClient(followRedirects: false);
        var posted = await SetupForm.PostWithTokenAsync(browser, SetupForm.Good(host, "Acme & Sons"));

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
}

/// <summary>The setup page's form as a browser fills and posts it.</summary>
internal static partial class SetupForm
{
    public const string Password = "Setup-password-42";

    /// <summary>A form that sets the host's Default tenant up on the host's engine (and its PostgreSQL database), with the blank recipe.</summary>
    public static Dictionary<string, string> Good(TestHost host, string siteName) => new()
    {
        ["siteName"] = siteName,
        ["adminUserName"] = "owner",
        ["adminEmail"] = "owner@example.com",
        ["adminPassword"] = Password,
        ["adminPasswordConfirm"] = Password,
        ["database"] = host.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
        ["connectionString"] = host.ConnectionString ?? "",
        ["recipe"] = "blank",
    };

    /// <summary>Opens the page as a browser does (which sets the antiforgery cookie), then posts the form with the page's token.</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient browser, Dictionary<string, string> form)
    {
        var (name, value) = AntiforgeryField(await browser.GetStringAsync("setup"));
        form[name] = value;
        return await browser.PostAsync("setup", new FormUrlEncodedContent(form));
    }

    public static (string Name, string Value) AntiforgeryField(string html)
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
