using System.Text.Json.Serialization;

namespace Mastro.Core.Lineage.Runs;

/// <summary>
/// One run of a job, folded from its events (<see cref="LineageRuns.Apply"/>). Events may arrive in any order and
/// more than once; the fold gives the same run whatever the order. The fold's bookkeeping (<see cref="StateTime"/>,
/// <see cref="FirstEventAt"/>, <see cref="UpdatedAt"/>) is stored but not part of the API's JSON.
/// </summary>
public sealed record LineageRun
{
    [JsonPropertyName("runId")]
    public required string RunId { get; init; }

    /// <summary>Asset name of the job.</summary>
    [JsonPropertyName("job")]
    public required string Job { get; init; }

    [JsonPropertyName("state")]
    public required string State { get; init; }

    /// <summary>Time of the START event; null until one arrives.</summary>
    [JsonPropertyName("startedAt")]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Time of the event that ended the run (COMPLETE, FAIL or ABORT); null while it runs.</summary>
    [JsonPropertyName("endedAt")]
    public DateTimeOffset? EndedAt { get; init; }

    [JsonPropertyName("durationMs")]
    public long? DurationMs => StartedAt is { } start && EndedAt is { } end ? (long)(end - start).TotalMilliseconds : null;

    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; init; }

    /// <summary>Raw events of the run still stored (retention removes old ones); counted by the store when reading.</summary>
    [JsonPropertyName("eventCount")]
    public long EventCount { get; init; }

    /// <summary>Event time of the event that set <see cref="State"/>; a later event of the same rank replaces it.</summary>
    [JsonIgnore]
    public DateTimeOffset StateTime { get; init; }

    /// <summary>Earliest event time seen; runs are listed newest first by it.</summary>
    [JsonIgnore]
    public DateTimeOffset FirstEventAt { get; init; }

    /// <summary>When the last event was received (server clock); retention removes runs not updated for long.</summary>
    [JsonIgnore]
    public DateTimeOffset UpdatedAt { get; init; }
}
