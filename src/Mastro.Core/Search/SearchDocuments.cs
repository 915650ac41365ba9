using System.Text.Json;
using Mastro.Core.Model;

namespace Mastro.Core.Search;

/// <summary>The indexed text of an item, by field; fields are weighted name &gt; tags &gt; description &gt; labels.</summary>
public sealed record SearchDocument(string Name, string Tags, string Description, string Labels);

public static class SearchDocuments
{
    public static SearchDocument For(Asset asset) => new(
        SearchTokenizer.Normalize(asset.Name),
        SearchTokenizer.Normalize(asset.Tags),
        SearchTokenizer.Normalize(asset.Description),
        SearchTokenizer.Normalize(asset.Labels.SelectMany(l => JsonTexts(l.Key, l.Value))));

    public static SearchDocument For(IVersionedSet set) => new(
        SearchTokenizer.Normalize(set.Name),
        SearchTokenizer.Normalize(set.Version),
        SearchTokenizer.Normalize(set.Description),
        SearchTokenizer.Normalize(set.Labels.SelectMany(l => new[] { l.Key, l.Value })));

    /// <summary>Keys and scalar values of a label, however deeply nested (e.g. a column list under <c>schema</c>).</summary>
    private static IEnumerable<string?> JsonTexts(string key, JsonElement value)
    {
        yield return key;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                foreach (var text in JsonTexts(property.Name, property.Value))
                    yield return text;
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                foreach (var text in JsonTexts("", item))
                    yield return text;
                break;
            case JsonValueKind.String:
                yield return value.GetString();
                break;
            case JsonValueKind.Number:
                yield return value.GetRawText();
                break;
        }
    }
}
