using Mastro.Crawlers.Config;
using Mastro.Crawlers.Push;
using Mastro.Crawlers.Running;
using Mastro.Crawlers.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mastro.Crawlers.Tests.Support;

/// <summary>Runs a source once into a sink, the way the host does, with fast retries.</summary>
public static class Crawl
{
    public static readonly RetryPolicy FastRetries = new(TimeSpan.FromSeconds(5), 3, TimeSpan.FromMilliseconds(20));

    public static HttpAssetSink HttpSink(Uri endpoint, RetryPolicy? policy = null) =>
        new(endpoint, policy ?? FastRetries, NullLogger.Instance);

    public static async Task<CrawlReport> RunAsync(
        ICrawlSource source, IAssetSink sink, string crawler = "test-crawler", int batchSize = CrawlerSettings.DefaultBatchSize,
        bool markStale = true, CancellationToken cancellationToken = default)
    {
        var runner = new CrawlRunner(crawler, batchSize, markStale, sink, TimeProvider.System, NullLogger.Instance);
        return await runner.RunAsync(source, null, cancellationToken);
    }

    /// <summary>Everything a source yields, for source-level tests.</summary>
    public static async Task<List<CrawlItem>> ItemsAsync(ICrawlSource source)
    {
        var items = new List<CrawlItem>();
        await foreach (var item in source.CrawlAsync(CancellationToken.None)) items.Add(item);
        return items;
    }
}
