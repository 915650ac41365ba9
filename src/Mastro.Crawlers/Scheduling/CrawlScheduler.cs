using Microsoft.Extensions.Logging;

namespace Mastro.Crawlers.Scheduling;

/// <summary>
/// Runs a crawl on a schedule until stopped. Runs never overlap: the next run time is computed after a run ends,
/// so occurrences that pass while a run is still going are skipped, not queued. A failing run is logged and the
/// schedule goes on.
/// </summary>
public sealed class CrawlScheduler(ICrawlSchedule schedule, TimeProvider clock, ILogger logger)
{
    /// <summary>Timers are re-armed at least daily, which keeps long waits (every N weeks) within timer limits.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    public async Task RunAsync(Func<CancellationToken, Task> crawl, CancellationToken stopToken)
    {
        logger.LogInformation("crawler scheduled {Schedule}{AtStart}", schedule.Description, schedule.RunsAtStart ? ", first run now" : "");
        if (schedule.RunsAtStart)
            await RunOnceAsync(crawl, stopToken);
        while (!stopToken.IsCancellationRequested)
        {
            var next = schedule.Next(clock.GetUtcNow());
            logger.LogInformation("next crawl at {Next:O}", next);
            if (!await WaitUntilAsync(next, stopToken)) break;
            await RunOnceAsync(crawl, stopToken);
        }
        logger.LogInformation("crawler stopped");
    }

    private async Task<bool> WaitUntilAsync(DateTimeOffset next, CancellationToken stopToken)
    {
        try
        {
            for (var remaining = next - clock.GetUtcNow(); remaining > TimeSpan.Zero; remaining = next - clock.GetUtcNow())
                await Task.Delay(remaining < MaxWait ? remaining : MaxWait, clock, stopToken);
            return true;
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task RunOnceAsync(Func<CancellationToken, Task> crawl, CancellationToken stopToken)
    {
        try
        {
            await crawl(stopToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopToken.IsCancellationRequested)
        {
            logger.LogError(e, "crawl failed: {Error}; waiting for the next scheduled run", e.Message);
        }
        catch (OperationCanceledException)
        {
            // Shutdown requested during the run: the loop ends.
        }
    }
}
