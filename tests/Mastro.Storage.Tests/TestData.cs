using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Search;

namespace Mastro.Storage.Tests;

/// <summary>Builders for the items the store tests write.</summary>
internal static class TestData
{
    /// <summary>A timestamp with microseconds, as the services hand them to the stores.</summary>
    public static readonly DateTimeOffset SomeTime = new DateTimeOffset(2021, 3, 23, 13, 52, 43, TimeSpan.Zero).AddTicks(1_234_560);

    public static Asset Asset(string name, string description = "", IReadOnlyList<string>? tags = null, string labelsJson = "{}") => new()
    {
        Name = name,
        Type = AssetTypes.Dataset,
        Description = description,
        PublishedOn = SomeTime,
        LastDiscoveredAt = SomeTime.AddDays(1),
        Tags = tags ?? [],
        Labels = JsonMap(labelsJson),
    };

    /// <summary>An asset with every field set to something non-default.</summary>
    public static Asset FullAsset(string name) => new()
    {
        Name = name,
        Type = AssetTypes.Table,
        Description = "Daily orders of the web shop",
        PublishedOn = new DateTimeOffset(2015, 8, 6, 17, 52, 48, TimeSpan.Zero).AddTicks(7_654_320),
        LastDiscoveredAt = SomeTime,
        DependsOn = ["raw_orders", "customers"],
        Tags = ["sales", "daily"],
        Labels = JsonMap("""
            {"owner": "data-team", "rows": 1200,
             "schema": {"order_id": {"Type": "bigint", "Comment": "key"}, "amount": {"Type": "decimal(10,2)", "Comment": ""}}}
            """),
        Versions = JsonMap("""{"1616507563": {"path": "s3://bucket/orders/v1", "size": 42}}"""),
    };

    public static IReadOnlyList<Asset> Assets(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => Asset($"{prefix}{i:D4}")).ToList();

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static IReadOnlyDictionary<string, JsonElement> JsonMap(string json) =>
        JsonSerializer.Deserialize(json, MastroJsonContext.Default.IReadOnlyDictionaryStringJsonElement)!;

    public static SearchQuery Query(string text) =>
        SearchQuery.Parse(text) ?? throw new ArgumentException($"'{text}' has no searchable word", nameof(text));

    public static LabelFilter Labels(params (string Key, string[] Values)[] labels) =>
        new(labels.ToDictionary(l => l.Key, l => (IReadOnlyList<string>)l.Values));

    public static PageRequest Page(int page, int limit) => PageRequest.Of(page, limit);

    public static PageRequest All => PageRequest.Of(1, PageRequest.MaxLimit);
}
