using System.Net;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Web.Tests;

/// <summary>Signing in to the admin, as a browser without JavaScript does: cookies, forms, antiforgery, lockout.</summary>
public abstract class AdminSignInHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task An_anonymous_visitor_of_an_admin_page_is_sent_to_the_sign_in_page_and_back_after_signing_in()
    {
        var browser = BrowserSession.Open(Host);
        foreach (var path in new[] { "admin", "admin/features", "admin/users", "admin/account/password" })
        {
            var response = await browser.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/login?ReturnUrl=", new Uri(browser.Client.BaseAddress!, response.Headers.Location!).PathAndQuery);
        }

        var login = await browser.GetPageAsync("login?ReturnUrl=%2Fadmin%2Ffeatures");
        Assert.Contains(SiteName, login);
        var signedIn = await browser.PostFormAsync("login?ReturnUrl=%2Fadmin%2Ffeatures",
            [new("userName", "admin"), new("password", TestHost.AdminPassword), new("returnUrl", "/admin/features")]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/admin/features", signedIn.Headers.Location!.OriginalString);
        var features = await browser.FollowAsync(signedIn);
        Assert.Contains("<h1>Features</h1>", features);
        Assert.Contains(SiteName, features);
        Assert.Contains("Signed in as <strong>admin</strong>", features);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_plain_message_and_the_user_name_is_kept()
    {
        var browser = BrowserSession.Open(Host);

        var response = await browser.SignInAsync("admin", "not-the-password-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(SignInService.FailureMessage, html);
        Assert.Contains("value=\"admin\"", html);
        Assert.DoesNotContain("not-the-password-1", html);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("admin")).StatusCode);
        Assert.Contains(await AuditKindsAsync(), e => e == AuditKinds.SignInFailed);
    }

    [Fact]
    public async Task Empty_fields_are_named_next_to_the_fields()
    {
        var response = await BrowserSession.Open(Host).SignInAsync("", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("<input class=\"form-control is-invalid\" id=\"userName\" aria-invalid=\"true\" aria-describedby=\"userName-error\"[^>]*><p class=\"error\" id=\"userName-error\">Enter your user name.</p>", html);
        Assert.Contains("id=\"password-error\">Enter your password.</p>", html);
    }

    [Fact]
    public async Task After_five_wrong_passwords_the_account_is_locked_and_even_the_right_password_is_refused_until_the_lockout_ends()
    {
        var browser = BrowserSession.Open(Host);
        for (var attempt = 1; attempt <= SignInService.MaxFailedAttempts; attempt++)
        {
            var failed = await browser.SignInAsync("admin", "wrong-password-" + attempt);
            Assert.Contains(SignInService.FailureMessage, await failed.Content.ReadAsStringAsync());
        }

        // Locked: the right password is refused with the same answer as a wrong one, which tells an attacker nothing.
        var sixth = await browser.SignInAsync("admin", TestHost.AdminPassword);
        Assert.Equal(HttpStatusCode.BadRequest, sixth.StatusCode);
        var html = await sixth.Content.ReadAsStringAsync();
        Assert.Contains(SignInService.FailureMessage, html);
        Assert.DoesNotContain("locked", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("admin")).StatusCode);
        Assert.Contains(AuditKinds.LockedOut, await AuditKindsAsync());

        // The lockout's end, as the clock would bring it.
        await Host.InTenantAsync(Tenant, services => services.GetRequiredService<IUnitOfWork>().ExecuteAsync(
            "UPDATE erp_users SET locked_out_until_utc = @past WHERE user_name = 'admin'", new { past = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O") }));
        await browser.SignInOrFailAsync("admin", TestHost.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("admin")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_gets_the_same_answer_as_a_wrong_password_and_the_audit_log_has_the_reason()
    {
        await Host.CreateUserWithTokenAsync(Tenant, "gone", KernelPermissions.AdministratorRole);
        await Host.InTenantAsync(Tenant, services => services.GetRequiredService<IUnitOfWork>().ExecuteAsync(
            "UPDATE erp_users SET enabled = @no WHERE user_name = 'gone'", new { no = false }));

        var response = await BrowserSession.Open(Host).SignInAsync("gone", TestHost.AdminPassword);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(SignInService.FailureMessage, html);
        Assert.DoesNotContain("disabled", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(await Admin.GetAuditAsync("kind=" + AuditKinds.SignInFailed), e => e.Text("subject") == "gone" && e.Text("detail") == "The account is disabled.");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var browser = await SignInAdminAsync();

        var signedOut = await browser.PostFormAsync("logout", [], formPage: "admin");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/login", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("admin")).StatusCode);
        Assert.Contains(AuditKinds.SignOut, await AuditKindsAsync());
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_rejected_with_400_and_changes_nothing()
    {
        var browser = BrowserSession.Open(Host);
        await browser.GetPageAsync("login"); // the antiforgery cookie is set; only the form's token is missing

        var forged = await browser.Client.PostAsync("login", new FormUrlEncodedContent([new("userName", "admin"), new("password", TestHost.AdminPassword)]));
        await forged.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid form");

        await browser.SignInOrFailAsync("admin", TestHost.AdminPassword);
        var serial = BrowserSession.InputValue(await browser.GetPageAsync("admin/features"), "serial");
        var forgedChange = await browser.Client.PostAsync("admin/features",
            new FormUrlEncodedContent([new("id", "Test.Delta"), new("enable", "true"), new("serial", serial)]));
        await forgedChange.AssertProblemAsync(HttpStatusCode.BadRequest, "Invalid form");
        Assert.DoesNotContain("Test.Delta", (await Admin.GetFeatureStateAsync()).Enabled);
    }

    [Fact]
    public async Task A_signed_in_user_without_AccessAdmin_gets_403()
    {
        await Host.CreateUserWithTokenAsync(Tenant, "clerk");
        var browser = BrowserSession.Open(Host);
        await browser.SignInOrFailAsync("clerk", TestHost.AdminPassword);

        var dashboard = await browser.Client.GetAsync("admin");
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        Assert.Equal("text/html", dashboard.Content.Headers.ContentType?.MediaType);
        Assert.Contains("You are signed in as <strong>clerk</strong>, but this account does not hold the permission", await dashboard.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, await browser.Client.StatusOfAsync("admin/features"));
    }

    [Fact]
    public async Task Changing_my_password_keeps_me_signed_in_and_the_old_password_stops_working()
    {
        const string newPassword = "Battery-staple-2";
        var browser = await SignInAdminAsync();

        var weak = await browser.PostFormAsync("admin/account/password",
            [new("currentPassword", TestHost.AdminPassword), new("newPassword", "short"), new("confirmPassword", "short")]);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Matches("id=\"newPassword\" aria-invalid=\"true\" aria-describedby=\"newPassword-hint newPassword-error\"[^>]*><p class=\"error\" id=\"newPassword-error\">The password must be at least 8", await weak.Content.ReadAsStringAsync());

        var wrongCurrent = await browser.PostFormAsync("admin/account/password",
            [new("currentPassword", "not-it-1"), new("newPassword", newPassword), new("confirmPassword", newPassword)]);
        Assert.Contains("id=\"currentPassword-error\">This is not your current password.</p>", await wrongCurrent.Content.ReadAsStringAsync());

        var changed = await browser.PostFormAsync("admin/account/password",
            [new("currentPassword", TestHost.AdminPassword), new("newPassword", newPassword), new("confirmPassword", newPassword)]);
        Assert.Contains("Your password is changed.", await browser.FollowAsync(changed));
        Assert.Equal(HttpStatusCode.OK, await browser.Client.StatusOfAsync("admin"));

        var other = BrowserSession.Open(Host);
        var old = await other.SignInAsync("admin", TestHost.AdminPassword);
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        await other.SignInOrFailAsync("admin", newPassword);
        Assert.Contains(AuditKinds.PasswordChanged, await AuditKindsAsync());
    }

    private Task<IReadOnlyList<string>> AuditKindsAsync() =>
        Host.InTenantAsync(Tenant, async services =>
            (IReadOnlyList<string>)(await services.GetRequiredService<AuditLog>().ListAsync(null, null, null, 1, 500, CancellationToken.None)).Select(e => e.Kind).ToList());
}

public sealed class SqliteAdminSignInHttpTests() : AdminSignInHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresAdminSignInHttpTests() : AdminSignInHttpTests(DatabaseProvider.Postgres);
