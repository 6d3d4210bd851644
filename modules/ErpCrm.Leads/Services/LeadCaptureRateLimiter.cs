using ErpCrm.Http;
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
/// The capture limit (<see cref="LeadCaptureOptions"/>), counted by the kernel's <see cref="IClientRateLimiter"/> per tenant and
/// client address (the sign-in throttle counts there too).
/// </summary>
public sealed class LeadCaptureRateLimiter(IOptions<LeadCaptureOptions> options, IClientRateLimiter limiter)
{
    /// <summary>Takes one capture for the client; when none is left, answers false and how long until the window turns.</summary>
    public bool TryAcquire(string tenant, string clientAddress, out TimeSpan retryAfter) =>
        limiter.TryAcquire(new ClientRateLimit("leads.capture", options.Value.PermitLimit, options.Value.Window), tenant, clientAddress, out retryAfter);
}
