using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Web.Tests;

/// <summary>
/// What an attacker learns from the sign-in page about which user names exist: nothing from the time of the answer, nothing
/// from its text. (The throttle is set high here, so that it does not interrupt the measuring; passwords are hashed with the
/// product's default count, whose cost the unknown name must match.)
/// </summary>
public abstract partial class SignInEnumerationHttpTests(DatabaseProvider provider)
    : SetUpHostTests(provider, configuration: new Dictionary<string, string>
    {
        ["ErpCrm:SignIn:Throttle:PermitLimit"] = "1000",
        [TestHost.PasswordIterationsSetting] = PasswordHashing.DefaultIterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
    })
{
    [Fact]
    public async Task An_unknown_user_name_takes_as_long_to_refuse_as_a_wrong_password_of_a_real_user()
    {
        string[] known = ["ann", "bob", "cyd"];
        foreach (var name in known)
        {
            await Host.CreateUserWithTokenAsync(Tenant, name);
        }
        var browser = BrowserSession.Open(Host);
        var token = BrowserSession.AntiforgeryToken(await browser.GetPageAsync("login"));
        await TimeSignInAsync(browser, token, "warm-up", "wrong-password-0");
        var unknownTimes = new List<TimeSpan>();
        var knownTimes = new List<TimeSpan>();

        for (var round = 0; round < 9; round++)
        {
            unknownTimes.Add(await TimeSignInAsync(browser, token, $"nobody-{round}", "wrong-password-1"));
            knownTimes.Add(await TimeSignInAsync(browser, token, known[round % known.Length], "wrong-password-1")); // 3 failures each: none locks
        }

        var unknown = Median(unknownTimes);
        var real = Median(knownTimes);
        Assert.True(unknown >= real * 0.5, $"An unknown name is refused in {unknown.TotalMilliseconds:0} ms, a real one's wrong password in {real.TotalMilliseconds:0} ms.");
    }

    [Fact]
    public async Task Every_failure_answers_the_same_text_whether_the_user_is_unknown_the_password_wrong_the_account_locked_or_disabled()
    {
        await Host.CreateUserWithTokenAsync(Tenant, "gone");
        await Host.CreateUserWithTokenAsync(Tenant, "held");
        await Host.InTenantAsync(Tenant, services => services.GetRequiredService<IUnitOfWork>().ExecuteAsync(
            "UPDATE erp_users SET enabled = @no WHERE user_name = 'gone'", new { no = false }));
        var browser = BrowserSession.Open(Host);
        for (var attempt = 0; attempt < SignInService.MaxFailedAttempts; attempt++)
        {
            await browser.SignInAsync("held", "wrong-password-" + attempt);
        }

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["unknown user"] = await browser.SignInAsync("nobody", TestHost.AdminPassword),
            ["wrong password"] = await browser.SignInAsync("admin", "wrong-password-9"),
            ["locked out"] = await browser.SignInAsync("held", TestHost.AdminPassword),
            ["disabled"] = await browser.SignInAsync("gone", TestHost.AdminPassword),
        };

        foreach (var (failure, answer) in answers)
        {
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{failure}: {(int)answer.StatusCode}");
            Assert.Equal(SignInService.FailureMessage, ProblemText(await answer.Content.ReadAsStringAsync()));
        }
        var reasons = (await Admin.GetAuditAsync("kind=" + AuditKinds.SignInFailed)).Select(e => e.Text("detail")).ToList();
        Assert.Contains("Unknown user name.", reasons);
        Assert.Contains("The account is disabled.", reasons);
        Assert.Contains(reasons, r => r.StartsWith("Locked out until", StringComparison.Ordinal));
    }

    private static async Task<TimeSpan> TimeSignInAsync(BrowserSession browser, string token, string userName, string password)
    {
        var watch = Stopwatch.StartNew();
        using var answer = await browser.Client.PostAsync("login",
            new FormUrlEncodedContent([new("userName", userName), new("password", password), new("__RequestVerificationToken", token)]));
        watch.Stop();
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        return watch.Elapsed;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    /// <summary>The text of the page's alert.</summary>
    internal static string ProblemText(string html) => WebUtility.HtmlDecode(LoginProblem().Match(html).Groups[1].Value);

    [GeneratedRegex("<div class=\"alert alert-danger\" role=\"alert\" id=\"login-problem\">([^<]*)</div>")]
    private static partial Regex LoginProblem();
}

public sealed class SqliteSignInEnumerationHttpTests() : SignInEnumerationHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresSignInEnumerationHttpTests() : SignInEnumerationHttpTests(DatabaseProvider.Postgres);

/// <summary>
/// The per-address throttle in front of the account lockout, set to 3 failures an hour: one address cannot lock accounts,
/// and an attacker's address being throttled does not keep the real administrator out. The second address is a real one:
/// the client connects from 127.0.0.2.
/// </summary>
public abstract class SignInThrottleHttpTests(DatabaseProvider provider)
    : SetUpHostTests(provider, configuration: new Dictionary<string, string> { ["ErpCrm:SignIn:Throttle:PermitLimit"] = "3", ["ErpCrm:SignIn:Throttle:Window"] = "01:00:00" })
{
    private static readonly IPAddress OtherAddress = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task One_address_is_throttled_after_its_failures_before_the_account_locks_with_429_retry_after_and_the_form_kept()
    {
        var attacker = BrowserSession.Open(Host);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await attacker.SignInAsync("admin", "wrong-password-" + attempt)).StatusCode);
        }

        var throttled = await attacker.SignInAsync("admin", TestHost.AdminPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(int.Parse(throttled.Headers.GetValues("Retry-After").Single()) is > 3500 and <= 3600);
        var html = await throttled.Content.ReadAsStringAsync();
        Assert.Contains("Too many failed sign-ins from your address. Try again in 60 minutes.", html);
        Assert.Contains("value=\"admin\"", html);
        Assert.Contains("name=\"__RequestVerificationToken\"", html);
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.Client.GetAsync("admin")).StatusCode);
        Assert.DoesNotContain(AuditKinds.LockedOut, (await Admin.GetAuditAsync()).Select(e => e.Text("kind")));
    }

    [Fact]
    public async Task A_throttled_attacker_address_does_not_keep_the_administrator_from_signing_in_from_another_address()
    {
        await Host.CreateUserWithTokenAsync(Tenant, "clerk");
        var attacker = BrowserSession.Open(Host);
        foreach (var target in new[] { "admin", "clerk", "admin", "clerk", "admin", "clerk", "admin", "clerk" })
        {
            await attacker.SignInAsync(target, "guessed-password-1");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.SignInAsync("admin", TestHost.AdminPassword)).StatusCode);

        var administrator = BrowserSession.Open(Host, from: OtherAddress);
        await administrator.SignInOrFailAsync("admin", TestHost.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, (await administrator.Client.GetAsync("admin")).StatusCode);
        var signIn = (await Admin.GetAuditAsync("kind=" + AuditKinds.SignIn)).First();
        Assert.Equal("127.0.0.2", signIn.Text("address"));
    }

    [Fact]
    public async Task X_Forwarded_For_does_not_make_a_throttled_client_another_address()
    {
        var attacker = BrowserSession.Open(Host);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            attacker.Client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            attacker.Client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{attempt + 1}");
            var answer = await attacker.SignInAsync("admin", "wrong-password-" + attempt);
            Assert.Equal(attempt < 3 ? HttpStatusCode.BadRequest : HttpStatusCode.TooManyRequests, answer.StatusCode);
        }
    }

    [Fact]
    public async Task Sign_ins_that_succeed_do_not_count_against_the_address()
    {
        var office = BrowserSession.Open(Host);
        for (var round = 0; round < 5; round++)
        {
            await office.SignInOrFailAsync("admin", TestHost.AdminPassword);
            Assert.Equal(HttpStatusCode.Redirect, (await office.PostFormAsync("logout", [], formPage: "admin")).StatusCode);
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await office.SignInAsync("admin", "typo-password-" + attempt)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await office.SignInAsync("admin", "typo-password-9")).StatusCode);
    }
}

public sealed class SqliteSignInThrottleHttpTests() : SignInThrottleHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresSignInThrottleHttpTests() : SignInThrottleHttpTests(DatabaseProvider.Postgres);
