using System.Net;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>Admin pages that modules ship in Razor Class Libraries: gated on their feature, inside the admin shell.</summary>
public abstract class ModulePagesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task A_module_page_answers_404_until_its_feature_is_on_and_then_shows_in_the_admin_layout()
    {
        var browser = await SignInAdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, await browser.Client.StatusOfAsync("admin/test/alpha"));

        await Admin.EnableFeaturesAsync("Test.Alpha");

        var page = await browser.GetPageAsync("admin/test/alpha");
        Assert.Contains("Alpha's admin page, from a Razor Class Library.", page);
        Assert.Contains($"<title>Alpha&#x27;s page · {SiteName}</title>", page);
        Assert.Equal(HttpStatusCode.Redirect, await BrowserSession.Open(Host).Client.StatusOfAsync("admin/test/alpha"));
    }

    [Fact]
    public async Task A_page_whose_model_names_a_feature_answers_only_where_that_feature_is_on()
    {
        var browser = await SignInAdminAsync();
        await Admin.EnableFeaturesAsync("Test.Alpha");
        Assert.Equal(HttpStatusCode.NotFound, await browser.Client.StatusOfAsync("admin/test/delta"));

        await Admin.EnableFeaturesAsync("Test.Delta");

        Assert.Contains("Delta's admin page.", await browser.GetPageAsync("admin/test/delta"));
    }

    [Fact]
    public async Task A_browser_is_told_in_a_page_that_a_module_page_is_not_there_while_other_clients_get_the_problem_document()
    {
        var browser = await SignInAdminAsync();

        var navigation = new HttpRequestMessage(HttpMethod.Get, "admin/test/delta");
        navigation.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        var page = await browser.Client.SendAsync(navigation);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Page not found</h1>", await page.Content.ReadAsStringAsync());

        await (await browser.Client.GetAsync("admin/test/delta")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteModulePagesHttpTests() : ModulePagesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresModulePagesHttpTests() : ModulePagesHttpTests(DatabaseProvider.Postgres);
