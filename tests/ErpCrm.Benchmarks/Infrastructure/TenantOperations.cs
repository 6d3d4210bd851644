using System.Diagnostics;
using ErpCrm.Core.Features;
using ErpCrm.Core.Setup;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>
/// Registers and sets up tenants and switches their features through the kernel's services, as the
/// command-line verbs do. A step that does not succeed stops the run: a figure measured on a failed step means nothing.
/// </summary>
internal sealed class TenantOperations(IServiceProvider services)
{
    public const string Recipe = "blank";
    private const string AdminPassword = "Correct-horse-1";

    /// <summary>Registers a tenant reached under the URL prefix of its name in lower case, on SQLite unless a PostgreSQL connection string is given.</summary>
    public async Task RegisterAsync(string name, CancellationToken cancellationToken, string? postgres = null)
    {
        var (_, errors) = await services.GetRequiredService<TenantService>().CreateAsync(
            new TenantCreateRequest(name, name.ToLowerInvariant(), [], ProviderOf(postgres), postgres), cancellationToken);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Registering tenant '{name}' failed: {Describe(errors)}");
        }
    }

    /// <summary>Sets up a registered tenant (or the Default tenant) with the recipe (blank unless named) and an administrator.</summary>
    public async Task SetUpAsync(string name, CancellationToken cancellationToken, string? postgres = null, string recipe = Recipe)
    {
        var result = await services.GetRequiredService<TenantSetupService>().SetupAsync(
            new SetupRequest(name, name + " Ltd", "admin", "admin@example.com", AdminPassword, ProviderOf(postgres), postgres, recipe),
            null, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Setting up tenant '{name}' failed: {Describe(result.Errors)}");
        }
    }

    /// <summary>Enables or disables one feature of a running tenant; returns how long the feature manager took.</summary>
    public async Task<TimeSpan> ChangeFeatureAsync(string tenantName, string featureId, bool enable, CancellationToken cancellationToken)
    {
        var tenant = await services.GetRequiredService<TenantRegistry>().FindAsync(tenantName, cancellationToken)
            ?? throw new InvalidOperationException($"Tenant '{tenantName}' is not registered.");
        await using var scope = await services.GetRequiredService<TenantScopeFactory>().CreateAsync(tenant, cancellationToken);
        var manager = scope.ServiceProvider.GetRequiredService<FeatureManager>();
        var started = Stopwatch.GetTimestamp();
        var result = enable
            ? await manager.EnableAsync([featureId], force: false, expectedSerial: null, cancellationToken)
            : await manager.DisableAsync([featureId], force: false, expectedSerial: null, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (result.Status != FeatureChangeStatus.Applied || result.Plan.IsEmpty)
        {
            throw new InvalidOperationException(
                $"{(enable ? "Enabling" : "Disabling")} {featureId} on tenant '{tenantName}' did not change it: {result.Status} {string.Join("; ", result.Errors)}");
        }
        return elapsed;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a service scope bound to the tenant, as a command does outside a request (so the caller
    /// is the system), and commits its unit of work.
    /// </summary>
    public async Task<T> InTenantAsync<T>(string tenantName, Func<IServiceProvider, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var scope = await ScopeAsync(tenantName, cancellationToken);
        var result = await work(scope.ServiceProvider);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>A service scope bound to the tenant, as a request or command has; disposing it without committing rolls back.</summary>
    public async Task<AsyncServiceScope> ScopeAsync(string tenantName, CancellationToken cancellationToken)
    {
        var tenant = await services.GetRequiredService<TenantRegistry>().FindAsync(tenantName, cancellationToken)
            ?? throw new InvalidOperationException($"Tenant '{tenantName}' is not registered.");
        return await services.GetRequiredService<TenantScopeFactory>().CreateAsync(tenant, cancellationToken);
    }

    /// <summary>Where the tenant's data lives, for code that reaches the database directly.</summary>
    public async Task<Core.Data.DatabaseTarget> DatabaseOfAsync(string tenantName, CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<TenantRegistry>();
        var tenant = await registry.FindAsync(tenantName, cancellationToken)
            ?? throw new InvalidOperationException($"Tenant '{tenantName}' is not registered.");
        return registry.DatabaseOf(tenant);
    }

    private static DatabaseProvider ProviderOf(string? postgres) => postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    private static string Describe(IReadOnlyDictionary<string, string> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}"));
}
