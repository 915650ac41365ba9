namespace Mastro.Crawlers.SparkLogs;

/// <summary>What one event log says about its application: identity, timing, outcome, and the datasets its SQL read and wrote.</summary>
public sealed record SparkApplication
{
    public required string AppId { get; init; }
    public string? AttemptId { get; init; }
    public required string AppName { get; init; }
    public string? User { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? SparkVersion { get; init; }
    public string? Master { get; init; }

    /// <summary><c>completed</c>, <c>failed</c> (non-zero exit code), <c>running</c> (in-progress log) or <c>incomplete</c> (no end event).</summary>
    public required string Status { get; init; }
    public int Jobs { get; init; }
    public int FailedJobs { get; init; }
    public int SqlExecutions { get; init; }
    public required string EventLog { get; init; }
    public IReadOnlyList<DatasetReference> Inputs { get; init; } = [];
    public IReadOnlyList<DatasetReference> Outputs { get; init; } = [];

    /// <summary>The catalogue name: the application ID, plus the attempt when there is one (YARN cluster mode).</summary>
    public string AssetName => AttemptId is null ? AppId : $"{AppId}_{AttemptId}";
}
