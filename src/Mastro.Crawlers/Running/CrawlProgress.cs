namespace Mastro.Crawlers.Running;

/// <summary>Running totals of a crawl, reported after every item (for the terminal progress display).</summary>
public sealed record CrawlProgress(int Found, int Sent, int Skipped, int Failed);
