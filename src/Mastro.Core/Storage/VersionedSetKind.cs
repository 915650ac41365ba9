using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Validation;

namespace Mastro.Core.Storage;

/// <summary>The common header of a stored feature set or metric set: all a set's search document is made of.</summary>
public sealed record VersionedSetHeader(
    string Name, string Version, string Description, IReadOnlyDictionary<string, string> Labels, DateTimeOffset InsertedAt)
    : IVersionedSet;

/// <summary>
/// Everything that differs between feature sets and metric sets, so that one service and one store
/// implementation per backend serve both: the payload (features or metrics) is kept as JSON text.
/// </summary>
public sealed class VersionedSetKind<TSet> where TSet : IVersionedSet
{
    /// <summary>Table prefix and metric label, e.g. <c>featureset</c>.</summary>
    public required string Name { get; init; }
    public required Func<TSet, TSet> Normalize { get; init; }
    public required Func<TSet, IReadOnlyList<string>> Problems { get; init; }
    public required Func<TSet, DateTimeOffset, TSet> WithInsertedAt { get; init; }
    public required Func<TSet, string> SerializePayload { get; init; }
    public required Func<VersionedSetHeader, string, TSet> Create { get; init; }

    public static string SerializeLabels(IVersionedSet set) =>
        JsonSerializer.Serialize(set.Labels, MastroJsonContext.Default.IReadOnlyDictionaryStringString);

    public static IReadOnlyDictionary<string, string> DeserializeLabels(string json) =>
        JsonSerializer.Deserialize(json, MastroJsonContext.Default.IReadOnlyDictionaryStringString) ?? new Dictionary<string, string>();
}

public static class VersionedSetKinds
{
    private static MastroJsonContext Json => MastroJsonContext.Default;

    public static readonly VersionedSetKind<FeatureSet> FeatureSets = new()
    {
        Name = "featureset",
        Normalize = set => set.WithEmptyCollectionsForNulls(),
        Problems = VersionedSetValidator.Problems,
        WithInsertedAt = (set, at) => set with { InsertedAt = at },
        SerializePayload = set => JsonSerializer.Serialize(set.Features, Json.IReadOnlyListFeature),
        Create = (header, payload) => new FeatureSet
        {
            Name = header.Name,
            Version = header.Version,
            Description = header.Description,
            Labels = header.Labels,
            InsertedAt = header.InsertedAt,
            Features = JsonSerializer.Deserialize(payload, Json.IReadOnlyListFeature) ?? [],
        },
    };

    public static readonly VersionedSetKind<MetricSet> MetricSets = new()
    {
        Name = "metricset",
        Normalize = set => set.WithEmptyCollectionsForNulls(),
        Problems = VersionedSetValidator.Problems,
        WithInsertedAt = (set, at) => set with { InsertedAt = at },
        SerializePayload = set => JsonSerializer.Serialize(set.Metrics, Json.IReadOnlyListDeequMetric),
        Create = (header, payload) => new MetricSet
        {
            Name = header.Name,
            Version = header.Version,
            Description = header.Description,
            Labels = header.Labels,
            InsertedAt = header.InsertedAt,
            Metrics = JsonSerializer.Deserialize(payload, Json.IReadOnlyListDeequMetric) ?? [],
        },
    };
}
