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
        SearchTokenizer.Normalize(LabelTexts(asset.Labels)));

    public static SearchDocument For(IVersionedSet set) => new(
        SearchTokenizer.Normalize(set.Name),
        SearchTokenizer.Normalize(set.Version),
        SearchTokenizer.Normalize(set.Description),
        SearchTokenizer.Normalize(set.Labels.SelectMany(l => new[] { l.Key, l.Value })));

    /// <summary>
    /// Keys and scalar values of the labels, however deeply nested (e.g. a column list under <c>schema</c>). Collected
    /// into one list: an iterator per nested value cost a bulk upsert an allocation per label and column.
    /// </summary>
    private static List<string?> LabelTexts(IReadOnlyDictionary<string, JsonElement> labels)
    {
        var texts = new List<string?>();
        foreach (var (key, value) in labels)
            AddTexts(texts, key, value);
        return texts;
    }

    private static void AddTexts(List<string?> texts, string key, JsonElement value)
    {
        texts.Add(key);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                    AddTexts(texts, property.Name, property.Value);
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                    AddTexts(texts, "", item);
                break;
            case JsonValueKind.String:
                texts.Add(value.GetString());
                break;
            case JsonValueKind.Number:
                texts.Add(value.GetRawText());
                break;
        }
    }
}
