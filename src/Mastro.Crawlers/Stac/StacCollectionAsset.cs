using System.Globalization;
using System.Text.Json.Nodes;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Crawlers.Push;

namespace Mastro.Crawlers.Stac;

/// <summary>
/// One STAC Collection (or openEO layer-catalog entry) as a <c>dataset</c> asset: title, description, keywords as
/// tags, and labels for extent (bbox, interval in RFC 3339), bands, license, providers, key summaries and the
/// openEO <c>_vito.data_source</c>. Missing <c>stac_version</c>/<c>type</c> and date-only times are accepted.
/// </summary>
public static class StacCollectionAsset
{
    private static readonly string[] SummaryKeys = ["platform", "constellation", "instruments", "instrument", "gsd"];

    public static Asset From(JsonObject collection, string source)
    {
        var id = Text(collection["id"]) ?? throw new StacException("collection without an id");
        var labels = new JsonObject
        {
            ["title"] = Text(collection["title"]) ?? Text(collection["name"]),
            ["stac-version"] = Text(collection["stac_version"]),
            ["license"] = Text(collection["license"]),
            ["extent"] = Extent(collection["extent"]),
            ["bands"] = Bands(collection),
            ["providers"] = collection["providers"] is JsonArray providers ? providers.DeepClone() : null,
            ["data-source"] = collection["_vito"]?["data_source"]?.DeepClone(),
            ["doi"] = Text(collection["sci:doi"]),
            ["experimental"] = collection["experimental"]?.DeepClone(),
            ["stac-source"] = source,
        };
        if (collection["summaries"] is JsonObject summaries)
            foreach (var key in SummaryKeys)
                if (summaries[key] is { } value)
                    labels[key] = value.DeepClone();
        return new Asset
        {
            Name = id,
            Type = AssetTypes.Dataset,
            Description = Text(collection["description"]) ?? Text(collection["title"]) ?? "",
            Tags = collection["keywords"] is JsonArray keywords ? keywords.Select(Text).OfType<string>().Distinct().ToList() : [],
            Labels = JsonLabels.From(labels),
        };
    }

    /// <summary><c>{bbox: [[…]], interval: [[start, end]]}</c> with every time as RFC 3339 UTC (openEO mixes <c>2015-07-04</c> and <c>…T00:00:00Z</c>).</summary>
    private static JsonObject? Extent(JsonNode? extent)
    {
        if (extent is not JsonObject value) return null;
        var result = new JsonObject();
        if (value["spatial"]?["bbox"] is JsonArray bbox) result["bbox"] = bbox.DeepClone();
        if (value["temporal"]?["interval"] is JsonArray intervals)
            result["interval"] = new JsonArray(intervals.Select(i => i is JsonArray pair
                ? (JsonNode)new JsonArray(pair.Select(t => Text(t) is { } time ? (JsonNode?)NormaliseTime(time) : null).ToArray())
                : null).ToArray());
        return result.Count == 0 ? null : result;
    }

    private static string NormaliseTime(string time) =>
        DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? Timestamps.Format(parsed)
            : time;

    /// <summary>Band names: the datacube's <c>bands</c> dimension (openEO), else <c>eo:bands</c>, else STAC 1.1 <c>bands</c>.</summary>
    private static JsonArray? Bands(JsonObject collection)
    {
        IEnumerable<string?>? names =
            (collection["cube:dimensions"] as JsonObject)?.Select(d => d.Value).OfType<JsonObject>()
                .FirstOrDefault(d => Text(d["type"]) == "bands")?["values"] is JsonArray values ? values.Select(Text)
            : collection["summaries"]?["eo:bands"] is JsonArray eoBands ? eoBands.Select(b => Text(b?["name"]))
            : collection["bands"] is JsonArray bands ? bands.Select(b => Text(b?["name"]))
            : null;
        var list = names?.OfType<string>().ToList();
        return list is { Count: > 0 } ? new JsonArray(list.Select(n => (JsonNode?)n).ToArray()) : null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
