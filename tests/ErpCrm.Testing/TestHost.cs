using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using ErpCrm.Core;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Setup;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Testing;

/// <summary>
/// A real ErpCrm host on a free 127.0.0.1 port, on SQLite in a fresh data folder or on a fresh PostgreSQL
/// database (host and tenants alike), with the test modules and the test plugin.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string AdminPassword = "Correct-horse-1";

    private readonly WebApplication _app;
    private readonly string? _postgres;
    private readonly bool _ownsApp;
    private readonly string? _tenantHostName;

    private TestHost(WebApplication app, string dataDirectory, DatabaseProvider provider, string? postgres, bool ownsApp = true,
        string tenant = TenantInfo.DefaultName, string? tenantHostName = null)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Provider = provider;
        _postgres = postgres;
        _ownsApp = ownsApp;
        Tenant = tenant;
        _tenantHostName = tenantHostName;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public Uri BaseAddress { get; }

    /// <summary>
    /// The tenant this view of the host serves: Default for a host of one's own; for a view of a shared host, the tenant set up
    /// for the test (<see cref="SharedHosts"/>), which <see cref="CreateClient"/> reaches by its host name.
    /// </summary>
    public string Tenant { get; }

    /// <summary>What a request to <see cref="Tenant"/> sends as its Host header.</summary>
    public string HostHeader => _tenantHostName ?? BaseAddress.Authority;

    /// <summary>
    /// Where a browser reaches <see cref="Tenant"/>: <see cref="BaseAddress"/>, or for a tenant of a shared host its host name on the
    /// same port (a browser maps <c>*.tenants.test</c> to the loopback address, see <see cref="SharedHosts.HostNames"/>).
    /// </summary>
    public Uri TenantAddress => _tenantHostName is null ? BaseAddress : new Uri($"http://{_tenantHostName}:{BaseAddress.Port}/");
    public string DataDirectory { get; }
    public DatabaseProvider Provider { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The PostgreSQL connection string of this host's own database, or null on SQLite.</summary>
    public string? ConnectionString => _postgres;

    /// <summary>
    /// The password hasher's iteration count. A test host hashes with the fewest rounds the product accepts: every test sets up a
    /// tenant and most sign someone in, and at the default count each hash costs a tenth of a second of CPU. What the count buys —
    /// the time a guess costs — is tested where it matters, by tests that set the default count (sign-in enumeration).
    /// </summary>
    public const string PasswordIterationsSetting = PasswordHashing.Section + ":" + nameof(Microsoft.AspNetCore.Identity.PasswordHasherOptions.IterationCount);

    /// <param name="outboxSweepInterval">How often the outbox worker sweeps every tenant; the host's default when null.</param>
    /// <param name="setupAnswerWithin">How long the setup page waits for setup before showing its progress; the host's default when null.</param>
    /// <param name="configuration">More configuration, as command-line settings (e.g. <c>ErpCrm:Leads:Capture:PermitLimit</c> = 3).</param>
    /// <param name="clock">The host's clock (a <see cref="TestClock"/>), the system's when null.</param>
    public static async Task<TestHost> StartAsync(DatabaseProvider provider, bool withPlugins = true, TimeSpan? outboxSweepInterval = null, TimeSpan? setupAnswerWithin = null,
        IReadOnlyDictionary<string, string>? configuration = null, TimeProvider? clock = null)
    {
        var data = TestFolders.Create("host-");
        var postgres = provider == DatabaseProvider.Postgres ? await TestPostgres.CreateDatabaseAsync() : null;
        var args = new List<string>();
        if (outboxSweepInterval is { } sweep)
        {
            args.Add($"--{ErpCrmOptions.Section}:{nameof(ErpCrmOptions.OutboxSweepInterval)}={sweep:c}");
        }
        if (setupAnswerWithin is { } answer)
        {
            args.Add($"--{ErpCrmOptions.Section}:{nameof(ErpCrmOptions.SetupAnswerWithin)}={answer:c}");
        }
        configuration ??= new Dictionary<string, string>();
        if (!configuration.ContainsKey(PasswordIterationsSetting))
        {
            args.Add($"--{PasswordIterationsSetting}={PasswordHashing.MinimumIterations}");
        }
        args.AddRange(configuration.Select(setting => $"--{setting.Key}={setting.Value}"));
        var app = ErpCrmWebHost.Build(new HostSettings
        {
            DataDirectory = data,
            Urls = "http://127.0.0.1:0",
            PluginsDirectory = withPlugins ? Path.Combine(AppContext.BaseDirectory, "test-plugins") : Path.Combine(data, "no-plugins"),
            HostDatabaseProvider = provider,
            HostConnectionString = postgres,
            CommandLineLogging = true,
            TimeProvider = clock,
        }, [.. args]);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A host that refuses to start (a test of its settings) leaves no database or folder behind.
            await app.DisposeAsync();
            if (postgres is not null)
            {
                await TestPostgres.DropDatabaseAsync(postgres);
            }
            Directory.Delete(data, recursive: true);
            throw;
        }
        return new TestHost(app, data, provider, postgres);
    }

    /// <summary>
    /// Sets up a tenant (created if needed) with the recipe (blank unless named) and an administrator, and returns a client with the admin's token.
    /// A tenant other than Default is reached by <paramref name="hosts"/> when given (the client sends the first as its Host
    /// header), else by <paramref name="prefix"/>, which defaults to the lower-cased name.
    /// </summary>
    public async Task<HttpClient> SetUpTenantAsync(string name = TenantInfo.DefaultName, string? prefix = null, IReadOnlyList<string>? hosts = null, string recipe = "blank")
    {
        var isDefault = string.Equals(name, TenantInfo.DefaultName, StringComparison.OrdinalIgnoreCase);
        hosts ??= [];
        if (!isDefault)
        {
            prefix ??= hosts.Count == 0 ? name.ToLowerInvariant() : null;
            await CreateTenantAsync(name, prefix, hosts);
        }
        var result = await Services.GetRequiredService<TenantSetupService>().SetupAsync(
            new SetupRequest(name, name + " Ltd", "admin", "admin@example.com", AdminPassword, Provider, _postgres, recipe), null, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}")));
        var client = CreateClient(prefix is null ? "" : prefix + "/");
        if (hosts.Count > 0)
        {
            client.DefaultRequestHeaders.Host = hosts[0];
        }
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateTokenAsync(name, "admin"));
        return client;
    }

    /// <summary>
    /// Sets up a second company beside the test's own, with the recipe, and returns its administrator's client. On a shared host it is
    /// named after the test's tenant (T7 and Beta give T7Beta), so that tests sharing the host never collide; it is reached under its
    /// lower-cased name as the URL prefix.
    /// </summary>
    public Task<HttpClient> SetUpAnotherTenantAsync(string name, string recipe = "blank")
    {
        var unique = _tenantHostName is null ? name : Tenant + name;
        return SetUpTenantAsync(unique, prefix: unique.ToLowerInvariant(), recipe: recipe);
    }

    /// <summary>Registers a tenant without setting it up, on this host's database engine.</summary>
    public async Task CreateTenantAsync(string name, string? prefix, IReadOnlyList<string>? hosts = null)
    {
        var (_, errors) = await Services.GetRequiredService<TenantService>().CreateAsync(
            new TenantCreateRequest(name, prefix, hosts ?? [], Provider, _postgres), CancellationToken.None);
        Assert.Empty(errors);
    }

    /// <summary>
    /// A client without credentials, for the tenant under <paramref name="pathPrefix"/> ("" for Default). It keeps cookies;
    /// with <paramref name="followRedirects"/> false it shows redirects as they are answered. With <paramref name="from"/>
    /// (another loopback address, e.g. 127.0.0.2) its connections really come from that address, as a second client's would.
    /// </summary>
    public HttpClient CreateClient(string pathPrefix = "", bool followRedirects = true, IPAddress? from = null)
    {
        var client = new HttpClient(from is null ? new HttpClientHandler { AllowAutoRedirect = followRedirects } : FromAddress(from, followRedirects))
        {
            BaseAddress = new Uri(BaseAddress, pathPrefix),
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (pathPrefix.Length == 0 && _tenantHostName is not null)
        {
            client.DefaultRequestHeaders.Host = _tenantHostName;
        }
        return client;
    }

    /// <summary>A view of this host that serves <paramref name="tenant"/>, reached by <paramref name="hostName"/>; disposing it leaves the host running.</summary>
    public TestHost ServingTenant(string tenant, string hostName) => new(_app, DataDirectory, Provider, _postgres, ownsApp: false, tenant, hostName);

    private static SocketsHttpHandler FromAddress(IPAddress from, bool followRedirects) => new()
    {
        AllowAutoRedirect = followRedirects,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(from.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public Task<string> CreateTokenAsync(string tenantName, string userName) =>
        InTenantAsync(tenantName, async services =>
        {
            var user = (await services.GetRequiredService<UserStore>().FindByNameAsync(userName, CancellationToken.None))!;
            return await services.GetRequiredService<ApiTokenService>().CreateAsync(user.Id, "test", CancellationToken.None);
        });

    /// <summary>Creates a user with the given roles (none: no permission at all) and returns an API token of theirs.</summary>
    public Task<string> CreateUserWithTokenAsync(string tenantName, string userName, params string[] roles) =>
        InTenantAsync(tenantName, async services =>
        {
            var user = await services.GetRequiredService<UserStore>().CreateAsync(userName, userName + "@example.com", AdminPassword, roles, CancellationToken.None);
            Assert.NotNull(user);
            return await services.GetRequiredService<ApiTokenService>().CreateAsync(user.Id, "test", CancellationToken.None);
        });

    /// <summary>Runs <paramref name="work"/> in a service scope bound to the tenant, the way a command does, and commits its unit of work.</summary>
    public async Task<T> InTenantAsync<T>(string tenantName, Func<IServiceProvider, Task<T>> work)
    {
        var tenant = await Services.GetRequiredService<TenantRegistry>().FindAsync(tenantName, CancellationToken.None);
        Assert.NotNull(tenant);
        await using var scope = await Services.GetRequiredService<TenantScopeFactory>().CreateAsync(tenant, CancellationToken.None);
        var result = await work(scope.ServiceProvider);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync();
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ownsApp)
        {
            return;
        }
        var environment = _app.Environment;
        await _app.StopAsync();
        await _app.DisposeAsync();
        // The host does not dispose its environment's file providers, and each one that served a versioned asset
        // (asp-append-version) holds a file watcher: hundreds of hosts in one test run would exhaust inotify.
        DisposeFileProvider(environment.WebRootFileProvider);
        DisposeFileProvider(environment.ContentRootFileProvider);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgres is not null)
        {
            await TestPostgres.DropDatabaseAsync(_postgres);
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background task; the temp folder is cleaned by the OS.
        }
    }

    private static void DisposeFileProvider(Microsoft.Extensions.FileProviders.IFileProvider provider)
    {
        if (provider is Microsoft.Extensions.FileProviders.CompositeFileProvider composite)
        {
            foreach (var inner in composite.FileProviders)
            {
                DisposeFileProvider(inner);
            }
        }
        (provider as IDisposable)?.Dispose();
    }
}
