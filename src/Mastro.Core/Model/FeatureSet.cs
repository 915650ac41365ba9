using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mastro.Core.Model;

/// <summary>A versioned group of computed features. Key set is exactly the original's (the Python client rejects others).</summary>
public sealed record FeatureSet : IVersionedSet
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>Set by the server when the set is stored.</summary>
    [JsonPropertyName("inserted_at")]
    public DateTimeOffset InsertedAt { get; init; }

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    [JsonPropertyName("features")]
    public IReadOnlyList<Feature> Features { get; init; } = [];

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = VersionedSetDefaults.NoLabels;

    public FeatureSet WithEmptyCollectionsForNulls() => this with
    {
        Name = Name ?? "",
        Version = Version ?? "",
        Description = Description ?? "",
        Features = Features ?? [],
        Labels = Labels ?? VersionedSetDefaults.NoLabels,
    };
}

/// <summary>One feature value; <see cref="Value"/> is any non-null JSON value.</summary>
public sealed record Feature
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("value")]
    public JsonElement Value { get; init; }

    /// <summary>Free text such as <c>int</c>, <c>float</c>, <c>string</c>, <c>pandas_dataframe</c>.</summary>
    [JsonPropertyName("data_type")]
    public string DataType { get; init; } = "";
}

internal static class VersionedSetDefaults
{
    public static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();
}
