using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>The admin pages as a tenant's administrator uses them in a browser without JavaScript.</summary>
public abstract class AdminPagesHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    private BrowserSession _browser = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _browser = await SignInAdminAsync();
    }

    [Fact]
    public async Task The_dashboard_shows_every_kernel_widget_and_charts_the_sign_ins_of_the_last_days()
    {
        var dashboard = await _browser.GetPageAsync("admin");

        Assert.DoesNotContain("could not be loaded", dashboard);
        Assert.Contains("Sign-ins, last 14 days", dashboard);
        Assert.Contains("<canvas data-chart=", dashboard);
        // The sign-in this test made is counted today.
        var today = DateTime.UtcNow.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches(new Regex($"<th[^>]*>{today}</th>\\s*<td[^>]*>[1-9]", RegexOptions.Singleline), dashboard);
    }

    [Fact]
    public async Task The_dashboard_charts_the_content_items_created_today()
    {
        await Admin.CreateTypeAsync("""{"Name": "Note", "DisplayName": "Note", "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}]}""");
        await Admin.CreateItemAsync("Note", new System.Text.Json.Nodes.JsonObject { ["DisplayText"] = "One" });
        await Admin.CreateItemAsync("Note", new System.Text.Json.Nodes.JsonObject { ["DisplayText"] = "Two" });

        var dashboard = await _browser.GetPageAsync("admin");

        Assert.DoesNotContain("could not be loaded", dashboard);
        var widget = dashboard[dashboard.IndexOf("Content activity, last 14 days", StringComparison.Ordinal)..];
        var today = DateTime.UtcNow.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches(new Regex($"<th[^>]*>{today}</th>\\s*<td[^>]*>2<", RegexOptions.Singleline), widget);
    }

    [Fact]
    public async Task Enabling_a_feature_that_needs_others_asks_first_listing_them_then_enables_them_all()
    {
        var asked = await PostFeatureChangeAsync("Test.Gamma", enable: true);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal("/admin/features/confirm?id=Test.Gamma&enable=true", asked.Headers.Location!.OriginalString);
        Assert.DoesNotContain("Test.Gamma", (await Admin.GetFeatureStateAsync()).Enabled);

        var confirm = await _browser.GetPageAsync("admin/features/confirm?id=Test.Gamma&enable=true");
        var also = Regex.Match(confirm, "<ul id=\"also-enabled\">(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(["Test.Alpha", "Test.Beta"], Regex.Matches(also, "<code class=\"small\">([^<]+)</code>").Select(m => m.Groups[1].Value));
        Assert.DoesNotContain("also-disabled", confirm);

        var applied = await _browser.PostFormAsync("admin/features/confirm?id=Test.Gamma&enable=true",
            [new("serial", BrowserSession.InputValue(confirm, "serial"))]);
        Assert.Equal("/admin/features", applied.Headers.Location!.OriginalString);
        Assert.Contains("Enabled Alpha, Beta, Gamma.", await _browser.FollowAsync(applied));
        var enabled = (await Admin.GetFeatureStateAsync()).Enabled;
        Assert.Contains("Test.Alpha", enabled);
        Assert.Contains("Test.Beta", enabled);
        Assert.Contains("Test.Gamma", enabled);
    }

    [Fact]
    public async Task Disabling_a_feature_others_need_lists_the_dependents_that_go_too()
    {
        await Admin.EnableFeaturesAsync("Test.Gamma");

        var asked = await PostFeatureChangeAsync("Test.Alpha", enable: false);
        var confirm = await _browser.FollowAsync(asked);
        var also = Regex.Match(confirm, "<ul id=\"also-disabled\">(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(["Test.Beta", "Test.Gamma"], Regex.Matches(also, "<code class=\"small\">([^<]+)</code>").Select(m => m.Groups[1].Value).Order());

        await _browser.PostFormAsync("admin/features/confirm?id=Test.Alpha&enable=false", [new("serial", BrowserSession.InputValue(confirm, "serial"))]);
        Assert.DoesNotContain("Test.Gamma", (await Admin.GetFeatureStateAsync()).Enabled);
    }

    [Fact]
    public async Task A_feature_without_dependencies_changes_at_once_and_a_stale_page_or_an_invalid_change_is_a_message_not_an_error()
    {
        var page = await _browser.GetPageAsync("admin/features");
        var staleSerial = BrowserSession.InputValue(page, "serial");

        var delta = await PostFeatureChangeAsync("Test.Delta", enable: true);
        Assert.Contains("Enabled Delta.", await _browser.FollowAsync(delta));

        var stale = await _browser.PostFormAsync("admin/features", [new("id", "Test.Alpha"), new("enable", "true"), new("serial", staleSerial)]);
        Assert.Contains("Someone else changed the features meanwhile", await _browser.FollowAsync(stale));
        Assert.DoesNotContain("Test.Alpha", (await Admin.GetFeatureStateAsync()).Enabled);

        var invalid = await PostFeatureChangeAsync("Test.Hidden", enable: true);
        Assert.Contains("cannot be enabled", await _browser.FollowAsync(invalid));

        var audit = await _browser.GetPageAsync("admin/audit?kind=features-changed");
        Assert.Contains("enabled Test.Delta", audit);
    }

    [Fact]
    public async Task The_search_filters_the_features_without_JavaScript()
    {
        var html = await _browser.GetPageAsync("admin/features?q=gamma");

        Assert.Contains("Test.Gamma", html);
        Assert.DoesNotContain("Test.Delta", html);
    }

    [Fact]
    public async Task A_user_created_on_the_users_page_with_a_role_made_on_the_roles_page_can_do_what_the_role_grants()
    {
        var role = await _browser.PostFormAsync("admin/roles/create", [new("name", "Clerks"), new("description", "Front office")]);
        Assert.Equal("/admin/roles/edit?name=Clerks", role.Headers.Location!.OriginalString);
        var grid = await _browser.FollowAsync(role);
        Assert.Contains("name=\"permissions\" value=\"ManageUsers\"", grid);
        await _browser.PostFormAsync("admin/roles/edit?name=Clerks",
            [new("description", "Front office"), new("permissions", "AccessAdmin"), new("permissions", "ManageUsers")]);

        var taken = await _browser.PostFormAsync("admin/users/create",
            [new("userName", "admin"), new("email", "a@example.com"), new("displayName", ""), new("password", "Secret-pass-1"), new("confirmPassword", "Secret-pass-1")]);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("id=\"userName-error\">The user name &#x27;admin&#x27; is taken.</p>", await taken.Content.ReadAsStringAsync());

        var created = await _browser.PostFormAsync("admin/users/create",
            [new("userName", "carol"), new("email", "carol@example.com"), new("displayName", "Carol <C>"), new("password", "Secret-pass-1"),
             new("confirmPassword", "Secret-pass-1"), new("roles", "Clerks")]);
        var users = await _browser.FollowAsync(created);
        Assert.Contains("Carol &lt;C&gt;", users);
        Assert.DoesNotContain("Carol <C>", users);

        var carol = BrowserSession.Open(Host);
        await carol.SignInOrFailAsync("carol", "Secret-pass-1");
        Assert.Equal(HttpStatusCode.OK, await carol.Client.StatusOfAsync("admin/users"));
        Assert.Equal(HttpStatusCode.Forbidden, await carol.Client.StatusOfAsync("admin/roles"));
    }

    [Fact]
    public async Task A_token_made_on_my_tokens_is_shown_once_works_for_the_api_and_stops_when_revoked()
    {
        var created = await _browser.PostFormAsync("admin/tokens", [new("name", "nightly export")]);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var html = await created.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "id=\"new-token\">(erp_[^<]+)</code>").Groups[1].Value;
        Assert.NotEmpty(token);
        Assert.DoesNotContain(token, await _browser.GetPageAsync("admin/tokens"));

        var api = Host.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, await api.StatusOfAsync("api/features"));

        var list = await _browser.GetPageAsync("admin/tokens");
        var id = Regex.Match(list, "<input type=\"hidden\" name=\"id\" value=\"(\\d+)\">").Groups[1].Value;
        var revoked = await _browser.PostFormAsync("admin/tokens?handler=revoke", [new("id", id)], formPage: "admin/tokens");
        Assert.Contains("is revoked", await _browser.FollowAsync(revoked));
        Assert.Equal(HttpStatusCode.Unauthorized, await api.StatusOfAsync("api/features"));
    }

    [Fact]
    public async Task The_audit_log_filters_by_kind_and_day()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");

        var signIns = await _browser.GetPageAsync($"admin/audit?kind=sign-in&from={today}&to={today}");
        Assert.Contains(">sign-in</span>", signIns);
        Assert.DoesNotContain(">features-changed</span>", signIns);

        var yesterday = await _browser.GetPageAsync($"admin/audit?to={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}");
        Assert.Contains("No entries match the filter.", yesterday);

        var bad = await _browser.Client.GetAsync("admin/audit?from=last-week");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"from-error\">Enter a day as YYYY-MM-DD.</p>", await bad.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostFeatureChangeAsync(string id, bool enable)
    {
        var serial = BrowserSession.InputValue(await _browser.GetPageAsync("admin/features"), "serial");
        return await _browser.PostFormAsync("admin/features", [new("id", id), new("enable", enable ? "true" : "false"), new("serial", serial)]);
    }
}

public sealed class SqliteAdminPagesHttpTests() : AdminPagesHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresAdminPagesHttpTests() : AdminPagesHttpTests(DatabaseProvider.Postgres);
