using ErpCrm.Background;
using ErpCrm.Core.Background;
using Microsoft.Extensions.Logging.Abstractions;

namespace ErpCrm.Core.Tests;

/// <summary>The one registry of background runs: progress as it is reported, found only by its kind and tenant, failures, expiry.</summary>
public sealed class BackgroundRunsTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly Clock _clock = new();

    private BackgroundRuns Runs() => new(_clock, NullLogger<BackgroundRuns>.Instance);

    [Fact]
    public async Task A_run_shows_the_progress_reported_last_then_its_result_and_when_it_ended()
    {
        var runs = Runs();
        var reported = new TaskCompletionSource();
        var go = new TaskCompletionSource();

        var run = runs.Start<string, int, string>("import", "Default", "file.csv", async progress =>
        {
            progress.Report(1);
            progress.Report(2);
            reported.SetResult();
            await go.Task;
            return "done";
        });
        await reported.Task;

        Assert.Equal(2, run.Current);
        Assert.Equal("file.csv", run.Subject);
        Assert.False(run.IsFinished);
        Assert.Null(run.Finished);
        Assert.Equal(_clock.Now, run.Started);
        _clock.Now += TimeSpan.FromMinutes(3);
        go.SetResult();
        Assert.Equal("done", await run.Completion);
        Assert.True(run.IsFinished);
        Assert.Equal(_clock.Now, run.Finished);
    }

    [Fact]
    public async Task A_run_is_found_only_by_its_kind_its_tenant_and_its_types()
    {
        var runs = Runs();
        var run = runs.Start<string, int, string>("import", "Default", "file.csv", _ => Task.FromResult("done"));
        await run.Completion;

        Assert.Same(run, runs.Find<string, int, string>("import", run.Id, "Default"));
        Assert.Null(runs.Find<string, int, string>("import", run.Id, "Other"));
        Assert.Null(runs.Find<string, int, string>("recipe", run.Id, "Default"));
        Assert.Null(runs.Find<string, string, string>("import", run.Id, "Default"));
        Assert.Null(runs.Find<string, int, string>("import", Guid.NewGuid(), "Default"));
    }

    [Fact]
    public async Task A_failure_becomes_the_result_asked_for_or_faults_the_run()
    {
        var runs = Runs();

        var handled = runs.Start<string, int, string>("setup", null, "admin", _ => throw new InvalidOperationException("boom"), e => $"failed: {e.Message}");
        var faulted = runs.Start<string, int, string>("setup", null, "admin", _ => throw new InvalidOperationException("boom"));

        Assert.Equal("failed: boom", await handled.Completion);
        Assert.Equal("boom", (await Assert.ThrowsAsync<InvalidOperationException>(() => faulted.Completion)).Message);
        Assert.True(faulted.IsFinished);
    }

    [Fact]
    public async Task A_finished_run_is_forgotten_an_hour_after_it_ended_but_a_running_one_never()
    {
        var runs = Runs();
        var go = new TaskCompletionSource<string>();
        var finished = runs.Start<string, int, string>("recipe", "Default", "r", _ => Task.FromResult("done"));
        var running = runs.Start<string, int, string>("recipe", "Default", "r", _ => go.Task);
        await finished.Completion;

        _clock.Now += IBackgroundRuns.KeepFinished - TimeSpan.FromMinutes(1);
        runs.Start<string, int, string>("recipe", "Default", "r", _ => Task.FromResult("done"));
        Assert.NotNull(runs.Find<string, int, string>("recipe", finished.Id, "Default"));

        _clock.Now += TimeSpan.FromMinutes(2);
        runs.Start<string, int, string>("recipe", "Default", "r", _ => Task.FromResult("done"));
        Assert.Null(runs.Find<string, int, string>("recipe", finished.Id, "Default"));
        Assert.NotNull(runs.Find<string, int, string>("recipe", running.Id, "Default"));
        go.SetResult("done");
    }
}
