using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Model;

namespace Mastro.Core.Storage;

/// <summary>
/// An asset flattened to the columns both relational stores keep: scalars as they are,
/// lists and maps as JSON text. One mapping, so both stores read back identical assets.
/// </summary>
public sealed record AssetRow(
    string Name,
    string Type,
    string Description,
    DateTimeOffset PublishedOn,
    DateTimeOffset LastDiscoveredAt,
    string DependsOnJson,
    string LabelsJson,
    string TagsJson,
    string VersionsJson)
{
    private static MastroJsonContext Json => MastroJsonContext.Default;

    public static AssetRow From(Asset asset) => new(
        asset.Name,
        asset.Type,
        asset.Description,
        asset.PublishedOn,
        asset.LastDiscoveredAt,
        JsonSerializer.Serialize(asset.DependsOn, Json.IReadOnlyListString),
        JsonSerializer.Serialize(asset.Labels, Json.IReadOnlyDictionaryStringJsonElement),
        JsonSerializer.Serialize(asset.Tags, Json.IReadOnlyListString),
        JsonSerializer.Serialize(asset.Versions, Json.IReadOnlyDictionaryStringJsonElement));

    public Asset ToAsset() => new()
    {
        Name = Name,
        Type = Type,
        Description = Description,
        PublishedOn = PublishedOn,
        LastDiscoveredAt = LastDiscoveredAt,
        DependsOn = JsonSerializer.Deserialize(DependsOnJson, Json.IReadOnlyListString) ?? [],
        Labels = JsonSerializer.Deserialize(LabelsJson, Json.IReadOnlyDictionaryStringJsonElement) ?? Asset.EmptyMap,
        Tags = JsonSerializer.Deserialize(TagsJson, Json.IReadOnlyListString) ?? [],
        Versions = JsonSerializer.Deserialize(VersionsJson, Json.IReadOnlyDictionaryStringJsonElement) ?? Asset.EmptyMap,
    };
}
