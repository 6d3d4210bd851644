using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ErpCrm.Leads.Services;

/// <summary>
/// How often one client address may capture leads in one tenant: configuration section <c>ErpCrm:Leads:Capture</c>, e.g.
/// <c>--ErpCrm:Leads:Capture:PermitLimit=5</c>. Tests and benchmarks set it; production keeps a form's human pace.
/// </summary>
public sealed class LeadCaptureOptions
{
    public const string Section = "ErpCrm:Leads:Capture";

    /// <summary>Captures allowed per address and tenant in each window; 0 turns the limit off.</summary>
    public int PermitLimit { get; set; } = 20;

    /// <summary>The window the limit counts in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The capture limit (<see cref="LeadCaptureOptions"/>): a fixed window per tenant and client address, in memory on each node
/// (several nodes each allow the limit: a brake on floods, not an exact quota). One instance for the host.
/// </summary>
public sealed class LeadCaptureRateLimiter(IOptions<LeadCaptureOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.PermitLimit),
            Window = options.Value.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes one capture for the client; when none is left, answers false and how long until the window turns.</summary>
    public bool TryAcquire(string tenant, string clientAddress, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (options.Value.PermitLimit <= 0)
        {
            return true;
        }
        using var lease = _limiter.AttemptAcquire($"{tenant}\n{clientAddress}");
        if (lease.IsAcquired)
        {
            return true;
        }
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.Value.Window;
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}
