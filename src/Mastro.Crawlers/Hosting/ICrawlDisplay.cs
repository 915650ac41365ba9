using Mastro.Crawlers.Running;

namespace Mastro.Crawlers.Hosting;

/// <summary>How a run shows up: a live progress bar on a terminal, JSON log lines otherwise.</summary>
public interface ICrawlDisplay
{
    /// <summary>Runs <paramref name="crawl"/>, giving it a progress sink if this display shows progress.</summary>
    Task<CrawlReport> ShowRunAsync(Func<IProgress<CrawlProgress>?, Task<CrawlReport>> crawl);

    /// <summary>Shows the end-of-run counts.</summary>
    void ShowReport(CrawlReport report);
}
