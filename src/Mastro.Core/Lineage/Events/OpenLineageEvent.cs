using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mastro.Core.Lineage.Events;

/// <summary>The three kinds of OpenLineage event (spec 2-0-x, top-level <c>oneOf</c>).</summary>
public enum OpenLineageEventKind
{
    /// <summary>A run of a job changed state (START, RUNNING, COMPLETE, FAIL, ABORT, OTHER).</summary>
    Run,
    /// <summary>Static metadata about one dataset, outside any run.</summary>
    Dataset,
    /// <summary>Static metadata about a job and its inputs/outputs, outside any run.</summary>
    Job,
}

/// <summary>
/// One OpenLineage event as sent by Spark, Airflow or any OpenLineage client. Only the fields Mastro maps are
/// typed; every facet stays raw JSON (see <see cref="Facets"/> for typed views), and the whole event is kept
/// verbatim by the lineage store, so nothing a producer sends is lost.
/// </summary>
public sealed record OpenLineageEvent
{
    /// <summary>START, RUNNING, COMPLETE, ABORT, FAIL or OTHER; optional in the spec (absent means OTHER).</summary>
    [JsonPropertyName("eventType")]
    public string? EventType { get; init; }

    [JsonPropertyName("eventTime")]
    public DateTimeOffset EventTime { get; init; }

    [JsonPropertyName("producer")]
    public string Producer { get; init; } = "";

    [JsonPropertyName("schemaURL")]
    public string SchemaUrl { get; init; } = "";

    [JsonPropertyName("run")]
    public OpenLineageRun? Run { get; init; }

    [JsonPropertyName("job")]
    public OpenLineageJob? Job { get; init; }

    [JsonPropertyName("inputs")]
    public IReadOnlyList<OpenLineageDataset>? Inputs { get; init; }

    [JsonPropertyName("outputs")]
    public IReadOnlyList<OpenLineageDataset>? Outputs { get; init; }

    /// <summary>The dataset of a DatasetEvent.</summary>
    [JsonPropertyName("dataset")]
    public OpenLineageDataset? Dataset { get; init; }

    [JsonIgnore]
    public OpenLineageEventKind Kind => KindOf(Run is not null, Dataset is not null);

    /// <summary>
    /// Which event an object is meant to be: a run (or an event type) makes a RunEvent, a dataset without a run a
    /// DatasetEvent, anything else a JobEvent. Validation uses the same rule, so its errors speak of the right kind.
    /// </summary>
    public static OpenLineageEventKind KindOf(bool hasRunOrEventType, bool hasDataset) =>
        hasRunOrEventType ? OpenLineageEventKind.Run
        : hasDataset ? OpenLineageEventKind.Dataset
        : OpenLineageEventKind.Job;
}

public sealed record OpenLineageRun
{
    [JsonPropertyName("runId")]
    public string RunId { get; init; } = "";

    [JsonPropertyName("facets")]
    public IReadOnlyDictionary<string, JsonElement>? Facets { get; init; }
}

public sealed record OpenLineageJob
{
    [JsonPropertyName("namespace")]
    public string Namespace { get; init; } = "";

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("facets")]
    public IReadOnlyDictionary<string, JsonElement>? Facets { get; init; }
}

/// <summary>An input, output or static dataset; <see cref="InputFacets"/>/<see cref="OutputFacets"/> only on inputs/outputs.</summary>
public sealed record OpenLineageDataset
{
    [JsonPropertyName("namespace")]
    public string Namespace { get; init; } = "";

    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("facets")]
    public IReadOnlyDictionary<string, JsonElement>? Facets { get; init; }

    [JsonPropertyName("inputFacets")]
    public IReadOnlyDictionary<string, JsonElement>? InputFacets { get; init; }

    [JsonPropertyName("outputFacets")]
    public IReadOnlyDictionary<string, JsonElement>? OutputFacets { get; init; }
}
