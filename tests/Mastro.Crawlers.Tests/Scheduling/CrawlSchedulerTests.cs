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
        var runs = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2.5));

        await scheduler.RunAsync(async token =>
        {
            var now = Interlocked.Increment(ref running);
            maxConcurrent = Math.Max(maxConcurrent, now);
            Interlocked.Increment(ref runs);
            try { await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None); }
            finally { Interlocked.Decrement(ref running); }
        }, stop.Token);

        Assert.Equal(1, maxConcurrent);
        // 500 ms runs on a 200 ms grid for 2.5 s: each run waits for the next grid point after it ends.
        Assert.InRange(runs, 3, 5);
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
