using System.Text.Json;
using System.Text.Json.Nodes;
using Mastro.Core.Json;
using Mastro.Core.Model;

namespace Mastro.Crawlers.Push;

/// <summary>
/// The labels crawlers own: <c>crawler</c> (which crawler found the asset; scopes stale marking) and <c>stale</c>
/// (<c>{"last-seen-at", "crawler"}</c> on an asset the crawler no longer finds).
/// </summary>
public static class CrawlerLabels
{
    public const string Crawler = "crawler";
    public const string Stale = "stale";

    /// <summary>The asset as a crawler sends it: its own labels, <c>crawler</c> set, and no <c>stale</c> (it was just found).</summary>
    public static Asset Stamp(Asset asset, string crawlerName)
    {
        var labels = asset.Labels.Where(l => l.Key is not (Crawler or Stale)).ToDictionary();
        labels[Crawler] = JsonSerializer.SerializeToElement(crawlerName, MastroJsonContext.Default.String);
        return asset with { Labels = labels };
    }

    public static bool IsStale(Asset asset) => asset.Labels.ContainsKey(Stale);

    /// <summary>The asset marked as no longer found, keeping when it was last seen (the server overwrites last-discovered-at).</summary>
    public static Asset MarkStale(Asset asset, string crawlerName)
    {
        var stale = new JsonObject
        {
            ["last-seen-at"] = Timestamps.Format(asset.LastDiscoveredAt),
            ["crawler"] = crawlerName,
        };
        var labels = asset.Labels.ToDictionary();
        labels[Stale] = JsonLabels.Element(stale);
        return asset with { Labels = labels };
    }
}
