using System.Text.Json;
using Mastro.Core.Model;
using Mastro.Core.Storage;

namespace Mastro.Storage.Tests;

/// <summary>
/// Equality of stored items as a client sees it: JSON values compare by meaning (object key order and
/// number spelling may differ between backends), timestamps by instant and always in UTC.
/// </summary>
internal static class TestDataAssert
{
    public static void SameAsset(Asset expected, Asset? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Description, actual.Description);
        SameInstant(expected.PublishedOn, actual.PublishedOn);
        SameInstant(expected.LastDiscoveredAt, actual.LastDiscoveredAt);
        Assert.Equal(expected.DependsOn, actual.DependsOn);
        Assert.Equal(expected.Tags, actual.Tags);
        SameJsonMap(expected.Labels, actual.Labels);
        SameJsonMap(expected.Versions, actual.Versions);
    }

    public static void SameHeader(VersionedSetHeader expected, IVersionedSet? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Labels.OrderBy(l => l.Key, StringComparer.Ordinal), actual.Labels.OrderBy(l => l.Key, StringComparer.Ordinal));
        SameInstant(expected.InsertedAt, actual.InsertedAt);
    }

    public static void SameInstant(DateTimeOffset expected, DateTimeOffset actual)
    {
        Assert.Equal(expected.UtcTicks, actual.UtcTicks);
        Assert.Equal(TimeSpan.Zero, actual.Offset);
    }

    public static void SameJsonMap(IReadOnlyDictionary<string, JsonElement> expected, IReadOnlyDictionary<string, JsonElement> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, value) in expected)
            SameJson(value, actual[key], key);
    }

    public static void SameJson(JsonElement expected, JsonElement actual, string what = "value") =>
        Assert.True(JsonElement.DeepEquals(expected, actual), $"{what}: expected {expected.GetRawText()} but got {actual.GetRawText()}");

    /// <summary>Names of the items on a page, in page order.</summary>
    public static string[] Names<T>(Page<T> page, Func<T, string> name) => page.Data.Select(name).ToArray();

    public static string[] Names(Page<Asset> page) => Names(page, a => a.Name);

    public static void Pagination<T>(Page<T> page, long total, long pageNumber, long perPage, long prev, long next, long totalPage) =>
        Assert.Equal(new Pagination(total, pageNumber, perPage, prev, next, totalPage), page.Pagination);
}
