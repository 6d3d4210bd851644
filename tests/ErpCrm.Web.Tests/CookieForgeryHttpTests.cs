using System.Net;
using System.Text;
using ErpCrm.Data;
using ErpCrm.Http;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// Cross-site request forgery: what another site can make a signed-in admin's browser send — the sign-in cookie, a
/// <c>text/plain</c> body or none, no custom header — changes nothing; the admin's own scripts, which send the antiforgery token
/// in its header, and bearer-token clients work as before.
/// </summary>
public abstract class CookieForgeryHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private const string ForgedRecipe = """
        {"name": "forged", "steps": [{"name": "Roles", "Roles": [{"Name": "Forged", "Permissions": ["ManageUsers"]}]}]}
        """;

    private async Task<BrowserSession> SignedInAdminAsync()
    {
        var browser = await SignInAdminAsync();
        return browser;
    }

    private static HttpRequestMessage RecipeRun() =>
        new(HttpMethod.Post, "api/recipes/run") { Content = new StringContent($$"""{"recipe": {{ForgedRecipe}}}""", Encoding.UTF8, "text/plain") };

    private static HttpRequestMessage ContactImport() =>
        new(HttpMethod.Post, "api/contacts/import") { Content = new StringContent("Type,Name\nCompany,Forged Ltd\n", Encoding.UTF8, "text/plain") };

    private static HttpRequestMessage FeatureDisable() => new(HttpMethod.Post, "api/features/Test.Delta/disable");

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertFieldsAsync(HttpStatusCode.BadRequest, AntiforgeryHeader.Name);
        Assert.Contains(AntiforgeryHeader.Name, problem.Text("detail"));
    }

    [Fact]
    public async Task A_recipe_posted_as_text_plain_with_only_the_cookie_is_refused_and_runs_nothing()
    {
        var browser = await SignedInAdminAsync();

        await AssertRefusedAsync(await browser.Client.SendAsync(RecipeRun()));

        Assert.Equal(HttpStatusCode.NotFound, await Admin.StatusOfAsync("api/roles/Forged"));
    }

    [Fact]
    public async Task A_contact_import_posted_as_text_plain_with_only_the_cookie_is_refused_and_stores_nothing()
    {
        await Admin.EnableFeaturesAsync(ContactsClient.Feature);
        var browser = await SignedInAdminAsync();

        await AssertRefusedAsync(await browser.Client.SendAsync(ContactImport()));

        var contacts = await (await Admin.GetAsync("api/contacts")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, contacts.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_bodyless_feature_switch_with_only_the_cookie_is_refused_and_switches_nothing()
    {
        await Admin.EnableFeaturesAsync("Test.Delta");
        var browser = await SignedInAdminAsync();

        await AssertRefusedAsync(await browser.Client.SendAsync(FeatureDisable()));
        await AssertRefusedAsync(await browser.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/roles/Staff")));

        Assert.Contains("Test.Delta", (await Admin.GetFeatureStateAsync()).Enabled);
        Assert.Equal(HttpStatusCode.OK, await Admin.StatusOfAsync("api/roles/Staff"));
    }

    [Fact]
    public async Task The_same_calls_with_the_token_of_the_admins_pages_succeed()
    {
        await Admin.EnableFeaturesAsync(ContactsClient.Feature, "Test.Delta");
        var browser = await SignedInAdminAsync();
        var token = await browser.ScriptTokenAsync();

        await (await browser.SendAsScriptAsync(RecipeRun(), token)).ReadJsonAsync(HttpStatusCode.OK);
        await (await browser.SendAsScriptAsync(ContactImport(), token)).ReadJsonAsync(HttpStatusCode.OK);
        await (await browser.SendAsScriptAsync(FeatureDisable(), token)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, await Admin.StatusOfAsync("api/roles/Forged"));
        var contacts = await (await Admin.GetAsync("api/contacts")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, contacts.GetProperty("total").GetInt64());
        Assert.DoesNotContain("Test.Delta", (await Admin.GetFeatureStateAsync()).Enabled);
    }

    [Fact]
    public async Task A_token_of_another_users_session_is_refused()
    {
        await Admin.EnableFeaturesAsync("Test.Delta");
        var ann = await BrowserSession.SignInNewUserAsync(Host, Admin, "ann", "ManageFeatures");
        var browser = await SignedInAdminAsync();

        var refused = await browser.SendAsScriptAsync(FeatureDisable(), await ann.ScriptTokenAsync());

        var problem = await refused.AssertFieldsAsync(HttpStatusCode.BadRequest, AntiforgeryHeader.Name);
        Assert.Contains("stale or not this user's", problem.Error(AntiforgeryHeader.Name));
        Assert.Contains("Test.Delta", (await Admin.GetFeatureStateAsync()).Enabled);
    }

    [Fact]
    public async Task Bearer_token_calls_need_no_antiforgery_token_whatever_their_content_type()
    {
        await Admin.EnableFeaturesAsync(ContactsClient.Feature, "Test.Delta");

        await (await Admin.SendAsync(RecipeRun())).ReadJsonAsync(HttpStatusCode.OK);
        await (await Admin.SendAsync(ContactImport())).ReadJsonAsync(HttpStatusCode.OK);
        await (await Admin.SendAsync(FeatureDisable())).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, await Admin.StatusOfAsync("api/roles/Forged"));
        Assert.DoesNotContain("Test.Delta", (await Admin.GetFeatureStateAsync()).Enabled);
    }

    [Fact]
    public async Task The_public_capture_form_works_anonymously_and_for_a_signed_in_browser_without_a_token()
    {
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
        var browser = await SignedInAdminAsync();

        using var anonymous = await Host.CreateClient().CaptureAsync(new { name = "Ada Lovelace", email = "ada@example.com" });
        using var signedIn = await browser.Client.CaptureAsync(new { name = "Grace Hopper", email = "grace@example.com" });

        Assert.True(anonymous.IsSuccessStatusCode, $"{(int)anonymous.StatusCode}: {await anonymous.Content.ReadAsStringAsync()}");
        Assert.True(signedIn.IsSuccessStatusCode, $"{(int)signedIn.StatusCode}: {await signedIn.Content.ReadAsStringAsync()}");
        Assert.Equal(2, await Admin.LeadCountAsync());
    }

    [Fact]
    public async Task Reading_with_only_the_cookie_needs_no_token()
    {
        var browser = await SignedInAdminAsync();

        Assert.Equal(HttpStatusCode.OK, await browser.Client.StatusOfAsync("api/me"));
        Assert.Equal(HttpStatusCode.OK, await browser.Client.StatusOfAsync("api/features"));
    }
}

public sealed class SqliteCookieForgeryHttpTests() : CookieForgeryHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresCookieForgeryHttpTests() : CookieForgeryHttpTests(DatabaseProvider.Postgres);
