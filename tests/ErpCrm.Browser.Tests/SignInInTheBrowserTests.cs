using ErpCrm.Core.Identity;
using System.Text.RegularExpressions;
using ErpCrm.Testing;
using ErpCrm.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ErpCrm.Browser.Tests;

/// <summary>Signing in to the admin in Chromium: by mouse, after a mistake, and by keyboard alone.</summary>
public abstract class SignInInTheBrowserTests(BrowserFixture browser, DatabaseProvider provider) : AdminBrowserTests(browser, provider)
{
    [Fact]
    public async Task An_admin_sent_to_the_sign_in_page_signs_in_lands_on_the_dashboard_and_signs_out()
    {
        var page = await OpenPageAsync();

        await AssertSentToSignInFromTheAdminAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText(SiteName)).ToBeVisibleAsync();
        await page.GetByLabel("User name", new() { Exact = true }).FillAsync("admin");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestHost.AdminPassword);
        await ScreenshotAsync(page, "sign-in-filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync("Signed in as admin");
        await Expect(Menu(page).GetByRole(AriaRole.Link, new() { Name = "Features" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "dashboard");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await AssertSentToSignInFromTheAdminAsync(page);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_error_keeps_the_user_name_and_puts_the_cursor_in_the_password()
    {
        var page = await OpenPageAsync();
        await page.GotoAsync("/login");

        await page.GetByLabel("User name", new() { Exact = true }).FillAsync("admin");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(SignInService.FailureMessage);
        await Expect(page.GetByLabel("User name", new() { Exact = true })).ToHaveValueAsync("admin");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToBeFocusedAsync();
        await ScreenshotAsync(page, "sign-in-wrong-password");
        await AssertSentToSignInFromTheAdminAsync(page);
    }

    [Fact]
    public async Task The_sign_in_form_is_reached_in_order_with_Tab_and_sent_with_Enter()
    {
        var page = await OpenPageAsync();
        await page.GotoAsync("/login");
        var userName = page.GetByLabel("User name", new() { Exact = true });
        var password = page.GetByLabel("Password", new() { Exact = true });
        var signIn = page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });

        // The cursor starts in the user name; before it comes only the skip link.
        await Expect(userName).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(userName).ToBeFocusedAsync();
        await page.Keyboard.InsertTextAsync("admin");
        await page.Keyboard.PressAsync("Tab");
        await Expect(password).ToBeFocusedAsync();
        await page.Keyboard.InsertTextAsync(TestHost.AdminPassword);
        await page.Keyboard.PressAsync("Tab");
        await Expect(signIn).ToBeFocusedAsync();
        await ScreenshotAsync(page, "sign-in-keyboard-focus-on-button");

        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(password).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
    }

    private static async Task AssertSentToSignInFromTheAdminAsync(IPage page)
    {
        await page.GotoAsync("/admin");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2Fadmin$"));
    }
}

public sealed class SqliteSignInInTheBrowserTests(BrowserFixture browser) : SignInInTheBrowserTests(browser, DatabaseProvider.Sqlite);

public sealed class PostgresSignInInTheBrowserTests(BrowserFixture browser) : SignInInTheBrowserTests(browser, DatabaseProvider.Postgres);
