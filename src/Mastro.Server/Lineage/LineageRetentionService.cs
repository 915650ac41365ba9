using Mastro.Core.Config;
using Mastro.Core.Lineage;

namespace Mastro.Server.Lineage;

/// <summary>
/// Applies <see cref="ServerSettings.LineageRetention"/> in the background: at startup, then every
/// <see cref="Interval"/>, raw OpenLineage events and runs older than the retention are deleted.
/// A failed pass (store unreachable) is logged and retried at the next tick; it never stops the server.
/// </summary>
internal sealed class LineageRetentionService(
    LineageService lineage, ServerSettings settings, TimeProvider clock, ILogger<LineageRetentionService> logger) : BackgroundService
{
    /// <summary>Retention is counted in days, so an hourly pass keeps stored data within an hour of it.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One retention pass; returns what it deleted, or null when it failed (and logged why).</summary>
    public async Task<RetentionResult?> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await lineage.ApplyRetentionAsync(settings.LineageRetention, cancellationToken);
            if (result.Events > 0 || result.Runs > 0)
                logger.LogInformation("Lineage retention ({Days} days) deleted {Events} raw events and {Runs} runs",
                    settings.LineageRetention.TotalDays, result.Events, result.Runs);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Lineage retention pass failed; retrying in {Interval}", Interval);
            return null;
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
