using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Leads.Tests;

/// <summary>A test class of the lead pages: a fresh tenant with Leads on, and <see cref="Browser"/>, signed in as the administrator.</summary>
public abstract class LeadPagesTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    protected BrowserSession Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
        Browser = BrowserSession.Open(Host);
        await Browser.SignInOrFailAsync("admin", TestHost.AdminPassword);
    }

    /// <summary>A signed-in browser of a new user with the given permissions (and AccessAdmin).</summary>
    protected async Task<BrowserSession> SignInWithAsync(string userName, params string[] permissions)
    {
        await Admin.CreateRoleAsync(userName + " role", ["AccessAdmin", .. permissions]);
        await Admin.CreateUserAsync(userName, userName + " role");
        var browser = BrowserSession.Open(Host);
        await browser.SignInOrFailAsync(userName, "Secret-pass-1");
        return browser;
    }
}
