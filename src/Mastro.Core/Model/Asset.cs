using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mastro.Core.Model;

/// <summary>
/// A catalogue item: a dataset, table, model, pipeline… identified by its unique <see cref="Name"/>.
/// JSON keys and their order follow the original Mastro so existing clients keep working.
/// </summary>
public sealed record Asset
{
    /// <summary>Set by the server on every upsert; the input value is ignored.</summary>
    [JsonPropertyName("last-discovered-at")]
    public DateTimeOffset LastDiscoveredAt { get; init; }

    [JsonPropertyName("published-on")]
    public DateTimeOffset PublishedOn { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    /// <summary>Names of upstream assets (lineage).</summary>
    [JsonPropertyName("depends-on")]
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    [JsonPropertyName("type")]
    public string Type { get; init; } = "";

    /// <summary>Free-form metadata; by convention <c>schema</c> holds the column list.</summary>
    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, JsonElement> Labels { get; init; } = EmptyMap;

    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Version key (Unix seconds as text, as written by mvc) → free-form details.</summary>
    [JsonPropertyName("versions")]
    public IReadOnlyDictionary<string, JsonElement> Versions { get; init; } = EmptyMap;

    internal static readonly IReadOnlyDictionary<string, JsonElement> EmptyMap = new Dictionary<string, JsonElement>();

    /// <summary>
    /// JSON <c>null</c> for a list or map means "empty" (the original accepted it); this replaces such nulls
    /// so that nothing downstream ever sees or returns <c>null</c> containers.
    /// </summary>
    public Asset WithEmptyCollectionsForNulls() => this with
    {
        Name = Name ?? "",
        Description = Description ?? "",
        Type = Type ?? "",
        DependsOn = DependsOn ?? [],
        Labels = Labels ?? EmptyMap,
        Tags = Tags ?? [],
        Versions = Versions ?? EmptyMap,
    };
}
