using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Web.Tests;

/// <summary>
/// After-commit work: Test.Alpha enqueues a message with every note, and its outbox consumer logs an 'outbox' row
/// once the request has committed. The worker sweeps every half second here, so that re-delivery would show quickly.
/// </summary>
public abstract class OutboxHttpTests(DatabaseProvider provider) : SetUpHostTests(provider, Sweep)
{
    private static readonly TimeSpan Sweep = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync("Test.Alpha");
    }

    [Fact]
    public async Task Each_committed_note_reaches_the_outbox_consumer_exactly_once()
    {
        foreach (var text in new[] { "one", "two", "three" })
        {
            Assert.Equal(HttpStatusCode.Created, (await Admin.PostNoteAsync(text)).StatusCode);
        }

        await WaitForOutboxRowsAsync(3);
        await Task.Delay(Sweep * 3);

        Assert.Equal(3, await Admin.CountLogRowsAsync(TestModulesClient.OutboxSource));
    }

    [Fact]
    public async Task A_write_that_rolls_back_sends_nothing_to_the_outbox()
    {
        Assert.Equal(HttpStatusCode.InternalServerError, (await Admin.PostNoteAsync(TestModulesClient.FailingNote)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostNoteAsync("committed")).StatusCode);

        await WaitForOutboxRowsAsync(1);
        await Task.Delay(Sweep * 3);

        Assert.Equal(1, await Admin.CountLogRowsAsync(TestModulesClient.OutboxSource));
    }

    [Fact]
    public async Task The_consumer_runs_as_the_system_on_behalf_of_the_user_who_raised_the_message()
    {
        var me = await Admin.GetFromJsonAsync<JsonElement>("api/me");
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostNoteAsync("raised by the admin")).StatusCode);

        await WaitForOutboxRowsAsync(1);

        Assert.Equal(1, await Admin.CountLogRowsAsync($"outbox:system:{me.GetProperty("id").GetInt64()}"));
    }

    private async Task WaitForOutboxRowsAsync(int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await Admin.CountLogRowsAsync(TestModulesClient.OutboxSource) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Fewer than {count} outbox row(s) after {Patience.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }
}

public sealed class SqliteOutboxHttpTests() : OutboxHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresOutboxHttpTests() : OutboxHttpTests(DatabaseProvider.Postgres);
