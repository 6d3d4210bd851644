using ErpCrm.Core.Hosting;
using ErpCrm.Http;

namespace ErpCrm.Core.Tests;

/// <summary>The kernel's per-address limiter: fixed windows per limit, tenant and address; permits given back; windows that turn.</summary>
public sealed class ClientRateLimiterTests
{
    private static readonly ClientRateLimit SignIn = new("sign-in", 2, TimeSpan.FromMinutes(10));

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void An_address_past_its_limit_is_refused_until_the_window_turns_and_is_told_how_long()
    {
        var clock = new Clock();
        var limiter = new ClientRateLimiter(clock);

        Assert.True(limiter.TryAcquire(SignIn, "Default", "192.0.2.1", out _));
        clock.Now += TimeSpan.FromMinutes(4);
        Assert.True(limiter.TryAcquire(SignIn, "Default", "192.0.2.1", out _));
        Assert.False(limiter.TryAcquire(SignIn, "Default", "192.0.2.1", out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(6), retryAfter);

        clock.Now += retryAfter;
        Assert.True(limiter.TryAcquire(SignIn, "Default", "192.0.2.1", out _));
    }

    [Fact]
    public void Addresses_tenants_and_limits_count_apart()
    {
        var limiter = new ClientRateLimiter(new Clock());
        var capture = SignIn with { Name = "leads.capture" };
        for (var i = 0; i < 2; i++)
        {
            Assert.True(limiter.TryAcquire(SignIn, "Default", "192.0.2.1", out _));
        }

        Assert.False(limiter.TryAcquire(SignIn, "Default", "192.0.2.1", out _));
        Assert.True(limiter.TryAcquire(SignIn, "Default", "192.0.2.2", out _));
        Assert.True(limiter.TryAcquire(SignIn, "Acme", "192.0.2.1", out _));
        Assert.True(limiter.TryAcquire(capture, "Default", "192.0.2.1", out _));
    }

    [Fact]
    public void A_permit_given_back_can_be_taken_again_but_only_within_its_window()
    {
        var clock = new Clock();
        var limiter = new ClientRateLimiter(clock);
        Assert.True(limiter.TryAcquire(SignIn, "Default", "192.0.2.1", out _));
        Assert.True(limiter.TryAcquire(SignIn, "Default", "192.0.2.1", out _));

        limiter.Release(SignIn, "Default", "192.0.2.1");
        Assert.True(limiter.TryAcquire(SignIn, "Default", "192.0.2.1", out _));
        Assert.False(limiter.TryAcquire(SignIn, "Default", "192.0.2.1", out _));

        clock.Now += SignIn.Window;
        limiter.Release(SignIn, "Default", "192.0.2.1"); // the window turned: nothing to give back, no credit for later
        limiter.Release(SignIn, "Default", "192.0.2.1");
        Assert.True(limiter.TryAcquire(SignIn, "Default", "192.0.2.1", out _));
        Assert.True(limiter.TryAcquire(SignIn, "Default", "192.0.2.1", out _));
        Assert.False(limiter.TryAcquire(SignIn, "Default", "192.0.2.1", out _));
    }

    [Fact]
    public void A_limit_of_zero_is_off()
    {
        var limiter = new ClientRateLimiter(new Clock());

        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(limiter.TryAcquire(SignIn with { PermitLimit = 0 }, "Default", "192.0.2.1", out TimeSpan _)));
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void A_client_is_named_by_its_IPv4_address_or_its_IPv6_network(string address, string named)
    {
        Assert.Equal(named, ClientAddresses.Of(System.Net.IPAddress.Parse(address)));
    }
}
