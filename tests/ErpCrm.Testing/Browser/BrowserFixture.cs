using System.Collections.Concurrent;
using ErpCrm.Testing;
using Microsoft.Playwright;

namespace ErpCrm.Testing;

/// <summary>
/// A test class's view of the headless Chromium its test process shares: Debian's build (<c>ERPCRM_CHROMIUM</c>, else /usr/bin/chromium),
/// started once, on first use, with the flags a closed network needs — a Playwright driver and a browser per class cost more processor
/// time than the tests of most classes. Each test opens its own context, so cookies never leak between tests or classes.
/// Every page of a context opened with <see cref="NewContextAsync"/> is watched for Content-Security-Policy violations (an inline
/// script or style the host's policy refused, which means a page that does not work as written); a test ends with
/// <see cref="AssertNoContentSecurityViolations"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);

    private readonly ConcurrentQueue<string> _violations = new();

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync() => Browser = await Shared.Value;

    /// <summary>The browser outlives the class: the process's exit ends the driver, which closes it.</summary>
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<IBrowser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("ERPCRM_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium was not found at '{executable}'. Run the tests with 'bash test.sh', which installs Debian's chromium, or set ERPCRM_CHROMIUM.");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                // The tenants of shared test hosts are reached by host names of their own, all served on the loopback address.
                $"--host-resolver-rules=MAP {SharedHosts.HostNames} 127.0.0.1"],
        });
        // Closed as the test process ends, so that no Chromium outlives the run.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().Wait(TimeSpan.FromSeconds(10));
            playwright.Dispose();
        };
        return browser;
    }

    /// <summary>A new browser context (its own cookies) whose relative addresses resolve against <paramref name="baseAddress"/>, its pages watched for CSP violations.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        // Chromium reports each refusal on the page's console: "Refused to execute inline script because it violates the
        // following Content Security Policy directive: …".
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _violations.Enqueue($"{message.Page?.Url} ({message.Location}): {message.Text}");
            }
        };
        return context;
    }

    /// <summary>Fails when a page opened since the last check broke the host's Content-Security-Policy, naming each refusal.</summary>
    public void AssertNoContentSecurityViolations()
    {
        var found = TakeContentSecurityViolations();
        Assert.True(found.Count == 0, "The pages broke the Content-Security-Policy:\n" + string.Join("\n", found));
    }

    /// <summary>The refusals reported since the last check (and forgets them).</summary>
    public IReadOnlyList<string> TakeContentSecurityViolations()
    {
        var found = new List<string>();
        while (_violations.TryDequeue(out var violation))
        {
            found.Add(violation);
        }
        return found;
    }

    /// <summary>Saves a full-page screenshot as a test artifact (<c>ERPCRM_TEST_ARTIFACTS</c>, else screenshots/ beside the tests).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("ERPCRM_TEST_ARTIFACTS") is { Length: > 0 } artifacts
            ? Path.Combine(artifacts, "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
