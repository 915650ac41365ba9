namespace Mastro.Crawlers.Sources;

/// <summary>
/// One kind of thing crawled (manifests, metastore, event logs, STAC…). A source streams what it finds; an exception
/// means the whole run failed (source unreachable), while per-item problems are <see cref="SkippedItem"/>s.
/// </summary>
public interface ICrawlSource : IAsyncDisposable
{
    /// <summary>Short description for logs, e.g. <c>local /data (MANIFEST.yaml)</c>. Never contains secrets.</summary>
    string Description { get; }

    IAsyncEnumerable<CrawlItem> CrawlAsync(CancellationToken cancellationToken);
}
