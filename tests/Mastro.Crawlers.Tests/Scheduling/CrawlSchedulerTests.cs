using Mastro.Crawlers.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mastro.Crawlers.Tests.Scheduling;

public sealed class CrawlSchedulerTests
{
    [Fact]
    public async Task Runs_never_overlap_even_when_a_run_outlasts_the_interval()
    {
        var schedule = new IntervalSchedule(TimeSpan.FromMilliseconds(200), DateTimeOffset.UtcNow, runsAtStart: true, "test");
        var scheduler = new CrawlScheduler(schedule, TimeProvider.System, NullLogger.Instance);
        var running = 0;
        var maxConcurrent = 0;
        var runs = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        using var stop = new CancellationTokenSource();

        // Stopped after a number of runs rather than after a stretch of wall-clock time, which a loaded machine stretches.
        await scheduler.RunAsync(async token =>
        {
            var started = DateTimeOffset.UtcNow;
            var now = Interlocked.Increment(ref running);
            maxConcurrent = Math.Max(maxConcurrent, now);
            try { await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None); }
            finally { Interlocked.Decrement(ref running); }
            runs.Add((started, DateTimeOffset.UtcNow));
            if (runs.Count == 4) stop.Cancel();
        }, stop.Token);

        Assert.Equal(1, maxConcurrent);
        Assert.Equal(4, runs.Count);
        // 500 ms runs on a 200 ms grid: each run waits for the next grid point after the one before it ends.
        for (var i = 1; i < runs.Count; i++)
            Assert.True(runs[i].Start >= schedule.Next(runs[i - 1].End),
                $"run {i + 1} started at {runs[i].Start:O}, before the grid point after run {i} ended at {runs[i - 1].End:O}");
    }

    [Fact]
    public async Task A_failing_run_does_not_stop_the_schedule_and_stop_ends_it_between_runs()
    {
        var schedule = new IntervalSchedule(TimeSpan.FromMilliseconds(100), DateTimeOffset.UtcNow, runsAtStart: false, "test");
        var scheduler = new CrawlScheduler(schedule, TimeProvider.System, NullLogger.Instance);
        var runs = 0;
        using var stop = new CancellationTokenSource();

        await scheduler.RunAsync(_ =>
        {
            if (Interlocked.Increment(ref runs) == 3) stop.Cancel();
            throw new InvalidOperationException("source down");
        }, stop.Token);

        Assert.Equal(3, runs);
    }

    [Fact]
    public async Task Without_start_now_the_first_run_waits_for_the_schedule()
    {
        var start = DateTimeOffset.UtcNow;
        var schedule = new IntervalSchedule(TimeSpan.FromMilliseconds(400), start, runsAtStart: false, "test");
        var scheduler = new CrawlScheduler(schedule, TimeProvider.System, NullLogger.Instance);
        DateTimeOffset? firstRun = null;
        using var stop = new CancellationTokenSource();

        await scheduler.RunAsync(_ =>
        {
            firstRun ??= DateTimeOffset.UtcNow;
            stop.Cancel();
            return Task.CompletedTask;
        }, stop.Token);

        Assert.True(firstRun - start >= TimeSpan.FromMilliseconds(350), $"first run after {firstRun - start}");
    }
}
