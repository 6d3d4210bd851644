using System.Net.Http.Headers;
using ErpCrm.Core.Identity;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using ErpCrm.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Web.Tests.Infrastructure;

/// <summary>
/// A real ErpCrm host on a free 127.0.0.1 port, on SQLite in a fresh data folder or on a fresh PostgreSQL
/// database (host and tenants alike), with the test modules and the test plugin.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string AdminPassword = "Correct-horse-1";

    private readonly WebApplication _app;
    private readonly string? _postgres;

    private TestHost(WebApplication app, string dataDirectory, DatabaseProvider provider, string? postgres)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Provider = provider;
        _postgres = postgres;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public Uri BaseAddress { get; }
    public string DataDirectory { get; }
    public DatabaseProvider Provider { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The PostgreSQL connection string of this host's own database, or null on SQLite.</summary>
    public string? ConnectionString => _postgres;

    public static async Task<TestHost> StartAsync(DatabaseProvider provider, bool withPlugins = true)
    {
        var data = Directory.CreateTempSubdirectory("erpcrm-test-").FullName;
        var postgres = provider == DatabaseProvider.Postgres ? await TestPostgres.CreateDatabaseAsync() : null;
        var app = ErpCrmWebHost.Build(new HostSettings
        {
            DataDirectory = data,
            Urls = "http://127.0.0.1:0",
            PluginsDirectory = withPlugins ? Path.Combine(AppContext.BaseDirectory, "test-plugins") : Path.Combine(data, "no-plugins"),
            HostDatabaseProvider = provider,
            HostConnectionString = postgres,
            CommandLineLogging = true,
        });
        await app.StartAsync();
        return new TestHost(app, data, provider, postgres);
    }

    /// <summary>Sets up a tenant (created if needed) with the blank recipe and an administrator, and returns a client with the admin's token.</summary>
    public async Task<HttpClient> SetUpTenantAsync(string name = TenantInfo.DefaultName, string? prefix = null)
    {
        if (!string.Equals(name, TenantInfo.DefaultName, StringComparison.OrdinalIgnoreCase))
        {
            var (_, errors) = await Services.GetRequiredService<TenantService>().CreateAsync(
                new TenantCreateRequest(name, prefix ?? name.ToLowerInvariant(), [], Provider, _postgres), CancellationToken.None);
            Assert.Empty(errors);
        }
        var result = await Services.GetRequiredService<TenantSetupService>().SetupAsync(
            new SetupRequest(name, name + " Ltd", "admin", "admin@example.com", AdminPassword, Provider, _postgres, "blank"), null, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}")));
        var client = CreateClient(name == TenantInfo.DefaultName ? "" : (prefix ?? name.ToLowerInvariant()) + "/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateTokenAsync(name, "admin"));
        return client;
    }

    /// <summary>A client without credentials, for the tenant under <paramref name="pathPrefix"/> ("" for Default).</summary>
    public HttpClient CreateClient(string pathPrefix = "") => new() { BaseAddress = new Uri(BaseAddress, pathPrefix), Timeout = TimeSpan.FromSeconds(60) };

    public async Task<string> CreateTokenAsync(string tenantName, string userName)
    {
        var tenant = (await Services.GetRequiredService<TenantRegistry>().FindAsync(tenantName, CancellationToken.None))!;
        await using var scope = await Services.GetRequiredService<TenantScopeFactory>().CreateAsync(tenant, CancellationToken.None);
        var user = (await scope.ServiceProvider.GetRequiredService<UserStore>().FindByNameAsync(userName, CancellationToken.None))!;
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(user.Id, "test", CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync();
        return token;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
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
}
