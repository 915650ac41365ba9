using Mastro.Crawlers.Running;
using Microsoft.Extensions.Logging;

namespace Mastro.Crawlers.Hosting;

/// <summary>For containers: progress is the per-batch log lines; the report is one structured log line (JSON console).</summary>
public sealed class LogDisplay(ILogger logger) : ICrawlDisplay
{
    public Task<CrawlReport> ShowRunAsync(Func<IProgress<CrawlProgress>?, Task<CrawlReport>> crawl) => crawl(null);

    public void ShowReport(CrawlReport report)
    {
        var outcome = report.Error is not null ? "failed" : report.Cancelled ? "cancelled" : report.Failed.Count > 0 ? "incomplete" : "succeeded";
        logger.Log(report.Succeeded ? LogLevel.Information : LogLevel.Error,
            "crawl {Crawler} {Outcome}: found {Found}, sent {Sent}, skipped {Skipped}, failed {Failed}, marked stale {MarkedStale} in {Duration}",
            report.Crawler, outcome, report.Found, report.Sent, report.Skipped.Count, report.Failed.Count, report.MarkedStale,
            report.FinishedAt - report.StartedAt);
        foreach (var (reason, count) in report.SkipReasons)
            logger.LogWarning("crawl {Crawler}: {Count} skipped: {Reason}", report.Crawler, count, reason);
        if (report.Error is not null)
            logger.LogError("crawl {Crawler}: run failed: {Error}", report.Crawler, report.Error);
        if (report.StaleError is not null)
            logger.LogWarning("crawl {Crawler}: stale marking incomplete: {StaleError}", report.Crawler, report.StaleError);
    }
}
