using System.Net;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>The address people type first: <c>/</c> leads a visitor to the sign-in page and a signed-in user to the admin, never to a 404; pages carry the icon.</summary>
public abstract class FrontDoorHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task The_front_door_sends_a_visitor_to_the_sign_in_page()
    {
        var visitor = BrowserSession.Open(Host);

        using var door = await visitor.Client.GetAsync("");

        Assert.Equal(HttpStatusCode.Redirect, door.StatusCode);
        Assert.Equal("/login", door.Headers.Location?.OriginalString);
        Assert.Contains("name=\"password\"", await visitor.GetPageAsync("login"));
    }

    [Fact]
    public async Task A_signed_in_user_at_the_front_door_goes_to_the_admin()
    {
        var browser = await SignInAdminAsync();

        using var door = await browser.Client.GetAsync("");

        Assert.Equal(HttpStatusCode.Redirect, door.StatusCode);
        Assert.Equal("/admin", door.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Every_page_names_the_icon_and_the_host_serves_it()
    {
        var signIn = await Host.CreateClient().GetStringAsync("login");
        var href = System.Text.RegularExpressions.Regex.Match(signIn, "<link rel=\"icon\" type=\"image/svg\\+xml\" href=\"([^\"]+)\">").Groups[1].Value;

        Assert.StartsWith("/img/favicon.svg?v=", href);
        using var icon = await Host.CreateClient().GetAsync(href.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SqliteFrontDoorHttpTests() : FrontDoorHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresFrontDoorHttpTests() : FrontDoorHttpTests(DatabaseProvider.Postgres);
