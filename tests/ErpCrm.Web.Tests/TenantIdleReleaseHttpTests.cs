using System.Net;
using System.Net.Http.Json;
using System.Text;
using ErpCrm.Core;
using ErpCrm.Core.Hosting;
using ErpCrm.Core.Shell;
using ErpCrm.Data;
using ErpCrm.Tenants;
using ErpCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Web.Tests;

/// <summary>
/// A tenant without a request for longer than <see cref="ErpCrmOptions.IdleReleaseAfter"/> (30 minutes by default) gives back what the
/// node holds for it and answers its next request as before; a tenant with a request in flight or background work running is never
/// released. The host's clock is the test's; the release runs as the sweeper runs it.
/// </summary>
public abstract class TenantIdleReleaseHttpTests(DatabaseProvider provider, TestClock clock) : SetUpHostTests(provider, clock: clock)
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan IdleReleaseAfter = new ErpCrmOptions().IdleReleaseAfter;

    private TestClock Clock { get; } = clock;

    private TenantUsage Usage => Host.Services.GetRequiredService<TenantUsage>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync("Test.Alpha", "Test.Delta");
    }

    [Fact]
    public async Task A_tenant_idle_longer_than_the_setting_is_released_and_its_next_request_is_answered_as_before()
    {
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostAsJsonAsync("api/test/notes", new { text = "before" })).StatusCode);
        Assert.True(Usage.Holds(Tenant));
        // The server ends a request's scope just after its answer has gone.
        await Until(() => !Usage.InUse(Tenant));

        Clock.Now += IdleReleaseAfter - TimeSpan.FromMinutes(1);
        Usage.ReleaseIdle();
        Assert.True(Usage.Holds(Tenant));

        Clock.Now += TimeSpan.FromMinutes(2);
        Usage.ReleaseIdle();
        Assert.False(Usage.Holds(Tenant));

        // Built again from its database: features, permissions and data as they were, and it writes.
        Assert.Equal(HttpStatusCode.OK, await Admin.StatusOfAsync("api/test/delta"));
        Assert.True(Usage.Holds(Tenant));
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostAsJsonAsync("api/test/notes", new { text = "after" })).StatusCode);
        var notes = await (await Admin.GetAsync("api/test/notes")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["before", "after"], notes.Strings());
    }

    [Fact]
    public async Task A_tenant_with_a_request_in_flight_is_not_released_until_it_has_been_idle_for_the_setting_after_it()
    {
        // A request whose body is still arriving: it has passed tenant resolution and waits for the rest of its JSON.
        var rest = new TaskCompletionSource();
        var posting = Admin.PostAsync("api/test/notes", new SlowJson("{\"text\":", "\"in flight\"}", rest.Task));
        await Until(() => Usage.InUse(Tenant));

        Clock.Now += IdleReleaseAfter * 2;
        Usage.ReleaseIdle();
        Assert.True(Usage.Holds(Tenant));

        rest.SetResult();
        Assert.Equal(HttpStatusCode.Created, (await posting).StatusCode);
        await Until(() => !Usage.InUse(Tenant));
        // It was used just now: idle from the end of that request on.
        Usage.ReleaseIdle();
        Assert.True(Usage.Holds(Tenant));
        Clock.Now += IdleReleaseAfter + TimeSpan.FromMinutes(1);
        Usage.ReleaseIdle();
        Assert.False(Usage.Holds(Tenant));
        Assert.Equal(HttpStatusCode.OK, await Admin.StatusOfAsync("api/test/notes"));
    }

    [Fact]
    public async Task A_tenant_with_background_work_running_is_not_released_while_it_runs()
    {
        var tenant = await Host.Services.GetRequiredService<TenantRegistry>().FindAsync(Tenant, CancellationToken.None);
        var finish = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        Task<int> work;
        await using (var scope = await Host.Services.GetRequiredService<TenantScopeFactory>().CreateAsync(tenant!, CancellationToken.None))
        {
            work = scope.ServiceProvider.GetRequiredService<ITenantBackgroundWork>().Start(async (_, _) =>
            {
                started.SetResult();
                await finish.Task;
                return 1;
            });
        }
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Clock.Now += IdleReleaseAfter * 2;
        Usage.ReleaseIdle();
        Assert.True(Usage.InUse(Tenant));
        Assert.True(Usage.Holds(Tenant));

        finish.SetResult();
        Assert.Equal(1, await work.WaitAsync(TimeSpan.FromSeconds(30)));
        await Until(() => !Usage.InUse(Tenant));
        // Background work holds a tenant but is not a request: once it ends, the tenant idle since its last request is released.
        Usage.ReleaseIdle();
        Assert.False(Usage.Holds(Tenant));
        Assert.Equal(HttpStatusCode.OK, await Admin.StatusOfAsync("api/test/delta"));
    }

    /// <summary>Waits for what another thread does (a request reaching the server, a scope ending), for up to 30 seconds.</summary>
    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 30 seconds.");
            await Task.Delay(10);
        }
    }

    /// <summary>A JSON body sent in two parts, the second once <paramref name="then"/> completes.</summary>
    private sealed class SlowJson : HttpContent
    {
        private readonly string _first;
        private readonly string _second;
        private readonly Task _then;

        public SlowJson(string first, string second, Task then)
        {
            (_first, _second, _then) = (first, second, then);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(_first));
            await stream.FlushAsync();
            await _then;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(_second));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

public sealed class SqliteTenantIdleReleaseHttpTests() : TenantIdleReleaseHttpTests(DatabaseProvider.Sqlite, new TestClock(Start));

public sealed class PostgresTenantIdleReleaseHttpTests() : TenantIdleReleaseHttpTests(DatabaseProvider.Postgres, new TestClock(Start));
