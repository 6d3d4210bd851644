using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Http;

/// <summary>
/// A limit on how often one client address may do one thing in one tenant: <paramref name="PermitLimit"/> times in each
/// <paramref name="Window"/>. A limit of 0 or less turns it off.
/// </summary>
/// <param name="Name">What is limited (e.g. <c>leads.capture</c>); limits of different names count apart.</param>
/// <param name="PermitLimit">How many times per window.</param>
/// <param name="Window">The fixed window the limit counts in.</param>
public sealed record ClientRateLimit(string Name, int PermitLimit, TimeSpan Window);

/// <summary>
/// The kernel's per-address limiter, for whatever anonymous callers can repeat: lead capture, sign-in. Counts per limit,
/// tenant and client address in fixed windows, in memory on each node (several nodes each allow the limit: a brake on
/// floods and guessing, not an exact quota). One instance for the host.
/// </summary>
public interface IClientRateLimiter
{
    /// <summary>Takes one permit of <paramref name="limit"/> for the client; when none is left, answers false and how long until the window turns.</summary>
    bool TryAcquire(ClientRateLimit limit, string tenant, string clientAddress, out TimeSpan retryAfter);

    /// <summary>
    /// Gives back a permit taken in the current window, for an attempt that turned out not to count (a sign-in that
    /// succeeded). Taking first and giving back after keeps concurrent attempts from all passing a check that none has counted yet.
    /// </summary>
    void Release(ClientRateLimit limit, string tenant, string clientAddress);
}

/// <summary>How a request's client is named for limits.</summary>
public static class ClientAddresses
{
    /// <summary>
    /// The connection's address as limits count it: an IPv4 address as is (also when mapped into IPv6), an IPv6 address
    /// by its /64 network, which one subscriber usually holds whole. <c>X-Forwarded-For</c> counts only where the host is
    /// configured to trust its proxy (forwarded headers middleware), because anyone can send it.
    /// </summary>
    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    /// <inheritdoc cref="Of(HttpContext)"/>
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
