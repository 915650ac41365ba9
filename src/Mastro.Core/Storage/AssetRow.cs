using System.Buffers;
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

    /// <summary>
    /// The JSON of <see cref="ToAsset"/>, with the same keys in the same order, but with the JSON columns copied as
    /// stored instead of decoded and encoded again: the hottest read (<c>GET /asset/name/…</c>) spent a tenth of its
    /// CPU time on that round trip (docs/PERFORMANCE.md). The columns hold what <see cref="From"/> wrote, or what a
    /// store's JSON type gave back for it (PostgreSQL's <c>jsonb</c> spaces and orders keys its own way): the same
    /// JSON values either way.
    /// </summary>
    public byte[] ToJsonUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(512 + Description.Length + LabelsJson.Length + VersionsJson.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(Keys.LastDiscoveredAt, Timestamps.Format(LastDiscoveredAt));
            writer.WriteString(Keys.PublishedOn, Timestamps.Format(PublishedOn));
            writer.WriteString(Keys.Name, Name);
            writer.WriteString(Keys.Description, Description);
            WriteColumn(writer, Keys.DependsOn, DependsOnJson, "[]");
            writer.WriteString(Keys.Type, Type);
            WriteColumn(writer, Keys.Labels, LabelsJson, "{}");
            WriteColumn(writer, Keys.Tags, TagsJson, "[]");
            WriteColumn(writer, Keys.Versions, VersionsJson, "{}");
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A stored JSON <c>null</c> reads as an empty list or map, as in <see cref="ToAsset"/>.</summary>
    private static void WriteColumn(Utf8JsonWriter writer, JsonEncodedText key, string json, string empty)
    {
        writer.WritePropertyName(key);
        writer.WriteRawValue(json == "null" ? empty : json, skipInputValidation: true);
    }

    /// <summary><see cref="Asset"/>'s JSON keys, encoded once.</summary>
    private static class Keys
    {
        public static readonly JsonEncodedText LastDiscoveredAt = JsonEncodedText.Encode("last-discovered-at");
        public static readonly JsonEncodedText PublishedOn = JsonEncodedText.Encode("published-on");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
        public static readonly JsonEncodedText DependsOn = JsonEncodedText.Encode("depends-on");
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText Labels = JsonEncodedText.Encode("labels");
        public static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");
        public static readonly JsonEncodedText Versions = JsonEncodedText.Encode("versions");
    }
}
