using System.Text.Json.Nodes;
using Mastro.Crawlers.Sources;

namespace Mastro.Crawlers.Stac;

/// <summary>
/// openEO layer catalogs: JSON arrays of collection-like entries, merged by id across files (later files override
/// and extend earlier ones, object by object), as the geopyspark driver does with <c>OPENEO_CATALOG_FILES</c>.
/// </summary>
public sealed class LayerCatalogMerge
{
    private readonly Dictionary<string, (JsonObject Entry, List<string> Sources)> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>Adds every entry of one file; entries without an id come back as skips.</summary>
    public IEnumerable<SkippedItem> Add(JsonArray entries, string location)
    {
        var problems = new List<SkippedItem>();
        for (var i = 0; i < entries.Count; i++)
        {
            var origin = $"{location}#[{i}]";
            if (entries[i] is not JsonObject entry)
                problems.Add(new SkippedItem(origin, "layer catalog entry is not a JSON object"));
            else if (entry["id"] is not JsonValue id || !id.TryGetValue<string>(out var name) || string.IsNullOrWhiteSpace(name))
                problems.Add(new SkippedItem(origin, "layer catalog entry without an id"));
            else if (_entries.TryGetValue(name, out var existing))
            {
                Merge(existing.Entry, entry);
                existing.Sources.Add(origin);
            }
            else
            {
                _entries[name] = ((JsonObject)entry.DeepClone(), [origin]);
                _order.Add(name);
            }
        }
        return problems;
    }

    public IEnumerable<CrawlItem> Assets()
    {
        foreach (var name in _order)
        {
            var (entry, sources) = _entries[name];
            CrawlItem item;
            try
            {
                item = new FoundAsset(StacCollectionAsset.From(entry, string.Join(", ", sources)), sources[0]);
            }
            catch (StacException e)
            {
                item = new SkippedItem(sources[0], e.Message);
            }
            yield return item;
        }
    }

    private static void Merge(JsonObject target, JsonObject overlay)
    {
        foreach (var (key, value) in overlay)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
                Merge(existing, child);
            else
                target[key] = value?.DeepClone();
        }
    }
}
