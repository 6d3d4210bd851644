using ErpCrm.Core.Modules;
using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;

namespace ErpCrm.Web.Hosting;

/// <summary>Prepares the host database and the Default tenant at start-up; <c>/health</c> answers 200 once done.</summary>
internal sealed class HostReadiness(HostDatabase host, TenantService tenants, TenantUpgrader upgrader, ModuleCatalog catalog, ILogger<HostReadiness> logger) : IHostedService
{
    public bool IsReady { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var problem in catalog.Problems)
        {
            logger.LogError("{Problem}", problem.ToString());
        }
        await host.EnsureReadyAsync(cancellationToken);
        await tenants.EnsureDefaultAsync(cancellationToken);
        await upgrader.UpgradeAllAsync(cancellationToken);
        IsReady = true;
        logger.LogInformation("ErpCrm is ready with {Modules} module(s) and {Features} feature(s).", catalog.Modules.Count, catalog.FeaturesInDependencyOrder.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
