using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// Releases idle tenants (<see cref="TenantUsage.ReleaseIdle"/>) every few minutes: a quarter of
/// <see cref="ErpCrmOptions.IdleReleaseAfter"/>, at least every <see cref="MaxPeriod"/>, so a tenant is released at most that much
/// later than its idle time says. The period runs on the clock's timer; idleness is read from the clock's time.
/// </summary>
public sealed class IdleTenantSweeper(TenantUsage usage, IOptions<ErpCrmOptions> options, TimeProvider clock, ILogger<IdleTenantSweeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idleFor = options.Value.IdleReleaseAfter;
        if (idleFor <= TimeSpan.Zero)
        {
            return;
        }
        var period = idleFor / 4 < MaxPeriod ? idleFor / 4 : MaxPeriod;
        using var timer = new PeriodicTimer(period < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    usage.ReleaseIdle();
                }
                catch (Exception e)
                {
                    // A pool that fails to clear is retried on the next tick; the tenant keeps serving either way.
                    logger.LogError(e, "Releasing idle tenants failed; it is retried on the next tick.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
