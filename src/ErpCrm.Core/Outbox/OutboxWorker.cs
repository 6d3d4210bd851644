using ErpCrm.Core.Shell;
using ErpCrm.Core.Tenants;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Outbox;

/// <summary>
/// Drains outboxes in the background: a tenant as soon as one of its transactions commits messages, and
/// every running tenant on a slower sweep (messages left by a crash, retries that came due).
/// </summary>
public sealed class OutboxWorker(OutboxSignal signal, OutboxProcessor processor, TenantRegistry tenants,
    IOptions<ErpCrmOptions> options, TimeProvider clock, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The sweep is paced by the clock's monotonic timestamps: an interval, not a time of day (a test's clock may stand still).
        var lastSweep = clock.GetTimestamp();
        var sweepNow = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                if (sweepNow || clock.GetElapsedTime(lastSweep) >= options.Value.OutboxSweepInterval)
                {
                    sweepNow = false;
                    foreach (var tenant in await tenants.GetAllAsync(stoppingToken))
                    {
                        if (tenant.State == TenantState.Running)
                        {
                            due.Add(tenant.Name);
                        }
                    }
                    lastSweep = clock.GetTimestamp();
                }
                while (signal.Reader.TryRead(out var name))
                {
                    due.Add(name);
                }
                foreach (var name in due)
                {
                    var tenant = await tenants.FindAsync(name, stoppingToken);
                    if (tenant is { State: TenantState.Running })
                    {
                        while (await processor.ProcessAsync(tenant, stoppingToken) == OutboxProcessor.BatchSize)
                        {
                        }
                    }
                }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(options.Value.OutboxSweepInterval - clock.GetElapsedTime(lastSweep) is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero);
                try
                {
                    await signal.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The outbox worker failed; it retries shortly.");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
