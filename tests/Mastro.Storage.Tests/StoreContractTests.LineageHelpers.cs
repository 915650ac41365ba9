using Mastro.Core.Lineage;
using Mastro.Core.Lineage.Runs;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>Builders for the lineage contract tests.</summary>
public abstract partial class StoreContractTests
{
    private ILineageStore Lineage => Store.Lineage;

    /// <summary>Minutes after <see cref="TestData.SomeTime"/>, so tests read as timelines.</summary>
    private static DateTimeOffset At(double minutes) => SomeTime.AddMinutes(minutes);

    private static string EventJson(string runId, string state, DateTimeOffset time) =>
        $$$"""{"eventType":"{{{state}}}","eventTime":"{{{time:O}}}","run":{"runId":"{{{runId}}}"},"job":{"namespace":"ns","name":"job"}}""";

    /// <summary>Records a run event received at <paramref name="receivedAt"/> (default: when it happened).</summary>
    private Task RecordRunEventAsync(
        string runId, string state, DateTimeOffset eventTime, string job = "ns/job", string? error = null, DateTimeOffset? receivedAt = null) =>
        RecordAsync([RunRecord(runId, state, eventTime, job, error, receivedAt)]);

    /// <summary>Stores <paramref name="records"/> as a batch of events that changes no asset.</summary>
    private Task RecordAsync(IReadOnlyList<LineageRecord> records, CancellationToken cancellationToken = default) =>
        Lineage.IngestAsync([], _ => new LineageWrite([], records), cancellationToken);

    /// <summary>A run event received at <paramref name="receivedAt"/> (default: when it happened).</summary>
    private static LineageRecord RunRecord(
        string runId, string state, DateTimeOffset eventTime, string job = "ns/job", string? error = null, DateTimeOffset? receivedAt = null)
    {
        var received = receivedAt ?? eventTime;
        return new LineageRecord(
            new ReceivedLineageEvent(runId, state, eventTime, received, EventJson(runId, state, eventTime)),
            new RunObservation(runId, job, state, eventTime, error, received),
            [], []);
    }

    private Task RecordAliasesAsync(params AssetAlias[] aliases) =>
        RecordAsync([new LineageRecord(StaticEvent(SomeTime), null, aliases, [])]);

    private static ReceivedLineageEvent StaticEvent(DateTimeOffset receivedAt) =>
        new(null, null, receivedAt, receivedAt, """{"eventTime":"2021-03-23T13:52:43Z","dataset":{"namespace":"s3://b","name":"k"}}""");
}
