using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mastro.Core.Model;

/// <summary>A versioned set of data-quality metrics, each a Deequ <c>AnalysisResult</c>.</summary>
public sealed record MetricSet : IVersionedSet
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("inserted_at")]
    public DateTimeOffset InsertedAt { get; init; }

    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = VersionedSetDefaults.NoLabels;

    [JsonPropertyName("metrics")]
    public IReadOnlyList<DeequMetric> Metrics { get; init; } = [];

    public MetricSet WithEmptyCollectionsForNulls() => this with
    {
        Name = Name ?? "",
        Version = Version ?? "",
        Description = Description ?? "",
        Labels = Labels ?? VersionedSetDefaults.NoLabels,
        Metrics = Metrics ?? [],
    };
}

/// <summary>A Deequ <c>AnalysisResult</c> as Deequ's metrics repository writes it.</summary>
public sealed record DeequMetric
{
    [JsonPropertyName("resultKey")]
    public DeequResultKey? ResultKey { get; init; }

    [JsonPropertyName("analyzerContext")]
    public DeequAnalyzerContext? AnalyzerContext { get; init; }
}

public sealed record DeequResultKey
{
    /// <summary>Epoch milliseconds; kept as a 64-bit integer end to end.</summary>
    [JsonPropertyName("dataSetDate")]
    public long DataSetDate { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, string> Tags { get; init; } = VersionedSetDefaults.NoLabels;
}

public sealed record DeequAnalyzerContext
{
    [JsonPropertyName("metricMap")]
    public IReadOnlyList<DeequMetricMapEntry> MetricMap { get; init; } = [];
}

public sealed record DeequMetricMapEntry
{
    [JsonPropertyName("analyzer")]
    public DeequAnalyzer? Analyzer { get; init; }

    [JsonPropertyName("metric")]
    public DeequMetricValue? Metric { get; init; }
}

/// <summary>Analyzer description; analyzer-specific keys (<c>where</c>, <c>pattern</c>…) are kept as they came.</summary>
public sealed record DeequAnalyzer
{
    [JsonPropertyName("analyzerName")]
    public string AnalyzerName { get; init; } = "";

    [JsonPropertyName("column")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Column { get; init; }

    // A setter, not init: System.Text.Json cannot fill init-only extension data (it throws on first use).
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>
/// A metric value. <see cref="Value"/> is a number for <c>DoubleMetric</c> but an object for e.g.
/// <c>HistogramMetric</c>, so it is kept as raw JSON.
/// </summary>
public sealed record DeequMetricValue
{
    [JsonPropertyName("metricName")]
    public string MetricName { get; init; } = "";

    [JsonPropertyName("entity")]
    public string Entity { get; init; } = "";

    [JsonPropertyName("instance")]
    public string Instance { get; init; } = "";

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("value")]
    public JsonElement Value { get; init; }

    // A setter, not init: System.Text.Json cannot fill init-only extension data (it throws on first use).
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
