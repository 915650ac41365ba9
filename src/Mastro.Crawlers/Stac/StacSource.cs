using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Mastro.Crawlers.Sources;

namespace Mastro.Crawlers.Stac;

/// <summary>
/// The <c>stac</c> crawler: from a STAC catalog, collection or API <c>/collections</c> URL (local path or http(s)),
/// or an openEO <c>layercatalog.json</c>, one <c>dataset</c> asset per collection. Catalogs are followed through
/// their <c>child</c> links; items are not catalogued. A root directory means every <c>*.json</c> below it; openEO
/// entries with one id in several layer catalogs are merged, as the openEO driver merges its catalog files.
/// </summary>
public sealed class StacSource(string root, StacDocuments documents) : ICrawlSource
{
    /// <summary>A bound on links followed, so a cyclic or enormous remote catalog cannot run forever.</summary>
    public const int MaxDocuments = 10_000;

    public string Description => $"STAC/openEO collections from {root}";

    public async IAsyncEnumerable<CrawlItem> CrawlAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var directory = !StacDocuments.IsUrl(root) && Directory.Exists(root);
        var pending = new Queue<string>(directory ? JsonFilesUnder(root) : [StacDocuments.IsUrl(root) ? root : Path.GetFullPath(root)]);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var layerCatalog = new LayerCatalogMerge();
        while (pending.TryDequeue(out var location))
        {
            if (!visited.Add(location)) continue;
            if (visited.Count > MaxDocuments)
            {
                yield return new SkippedItem(location, $"not read: the crawl stopped following links after {MaxDocuments} documents");
                continue;
            }
            var (document, problem) = await LoadAsync(location, cancellationToken);
            if (problem is not null)
            {
                // An unreadable root fails the run instead of reporting an empty success.
                if (!directory && visited.Count == 1) throw new IOException($"{location}: {problem}");
                yield return new SkippedItem(location, problem);
                continue;
            }
            foreach (var item in Read(document!, location, layerCatalog, pending))
                yield return item;
        }
        foreach (var item in layerCatalog.Assets())
            yield return item;
    }

    private async Task<(JsonNode? Document, string? Problem)> LoadAsync(string location, CancellationToken cancellationToken)
    {
        try
        {
            return (await documents.LoadAsync(location, cancellationToken), null);
        }
        catch (StacException e)
        {
            return (null, e.Message);
        }
    }

    private static IEnumerable<CrawlItem> Read(JsonNode document, string location, LayerCatalogMerge layerCatalog, Queue<string> pending)
    {
        if (document is JsonArray entries)
        {
            foreach (var problem in layerCatalog.Add(entries, location))
                yield return problem;
            yield break;
        }
        if (document is not JsonObject value)
        {
            yield return new SkippedItem(location, "not a STAC catalog, collection or openEO layer catalog (not a JSON object or array)");
            yield break;
        }
        var type = value["type"] is JsonValue t && t.TryGetValue<string>(out var text) ? text : null;
        if (type is "Feature" or "FeatureCollection")
        {
            yield return new SkippedItem(location, "STAC item: items are not catalogued, their collection is");
            yield break;
        }
        if (value["collections"] is JsonArray collections)
        {
            // A STAC API /collections page (paged through rel=next).
            for (var i = 0; i < collections.Count; i++)
                yield return Collection(collections[i] as JsonObject, $"{location}#collections[{i}]");
            Follow(value, location, "next", pending);
            yield break;
        }
        var looksLikeCollection = type == "Collection" || (type is null && (value["extent"] is not null || value["license"] is not null));
        if (type != "Catalog" && !looksLikeCollection)
        {
            yield return new SkippedItem(location, "not a STAC catalog, collection or openEO layer catalog");
            yield break;
        }
        if (looksLikeCollection)
            yield return Collection(value, location);
        Follow(value, location, "child", pending);
    }

    private static CrawlItem Collection(JsonObject? collection, string location)
    {
        if (collection is null) return new SkippedItem(location, "collection entry is not a JSON object");
        try
        {
            return new FoundAsset(StacCollectionAsset.From(collection, location), location);
        }
        catch (StacException e)
        {
            return new SkippedItem(location, e.Message);
        }
    }

    private static void Follow(JsonObject document, string location, string relation, Queue<string> pending)
    {
        if (document["links"] is not JsonArray links) return;
        foreach (var link in links.OfType<JsonObject>())
        {
            if (link["rel"]?.GetValue<string>() == relation && link["href"] is JsonValue href && href.TryGetValue<string>(out var target))
                pending.Enqueue(StacDocuments.Resolve(location, target));
        }
    }

    private static IEnumerable<string> JsonFilesUnder(string directory) =>
        Directory.EnumerateFiles(Path.GetFullPath(directory), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public ValueTask DisposeAsync()
    {
        documents.Dispose();
        return ValueTask.CompletedTask;
    }
}
