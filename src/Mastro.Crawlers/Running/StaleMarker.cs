using Mastro.Core.Model;
using Mastro.Crawlers.Push;
using Microsoft.Extensions.Logging;

namespace Mastro.Crawlers.Running;

/// <summary>
/// After a complete run: every asset labelled with this crawler's name that the run did not find (and that is not
/// already marked) is re-sent with a <c>stale</c> label holding when it was last seen, unless it was changed or
/// deleted since it was read (<see cref="IAssetSink.SendUnchangedAsync"/>): the mark must not undo that. An asset
/// found again later loses the label, because the crawler sends it fresh.
/// </summary>
public sealed class StaleMarker(IAssetSink sink, string crawlerName, int batchSize, ILogger logger)
{
    public async Task<int> MarkAsync(IReadOnlySet<string> found, CancellationToken cancellationToken)
    {
        // Collect first, write after: re-sending while paging through the same query could shift the pages.
        var stale = new List<Asset>();
        await foreach (var asset in sink.FindByCrawlerAsync(crawlerName, cancellationToken))
        {
            if (!found.Contains(asset.Name) && !CrawlerLabels.IsStale(asset))
                stale.Add(CrawlerLabels.MarkStale(asset, crawlerName));
        }
        // Sent only where unchanged since read: an edit or a delete made meanwhile wins over the mark.
        var marked = 0;
        var failures = new List<SendFailure>();
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in stale.Chunk(batchSize))
        {
            var result = await sink.SendUnchangedAsync(batch, cancellationToken);
            marked += result.Sent;
            failures.AddRange(result.Failures);
            skipped.UnionWith(result.Skipped);
        }
        var failed = failures.Select(f => f.AssetName).ToHashSet(StringComparer.Ordinal);
        foreach (var asset in stale.Where(a => !failed.Contains(a.Name)))
        {
            if (skipped.Contains(asset.Name))
                logger.LogInformation("crawl {Crawler}: {Asset} no longer found, but changed or deleted since it was read; left as it is",
                    crawlerName, asset.Name);
            else
                logger.LogInformation("crawl {Crawler}: {Asset} no longer found; marked stale (last seen {LastSeen})",
                    crawlerName, asset.Name, asset.LastDiscoveredAt);
        }
        if (failures.Count > 0)
            throw new InvalidOperationException(
                $"{failures.Count} stale asset(s) could not be marked, e.g. {failures[0].AssetName}: {failures[0].Reason}");
        return marked;
    }
}
