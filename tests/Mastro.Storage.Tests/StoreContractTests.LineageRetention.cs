using Mastro.Core.Lineage;
using Mastro.Core.Lineage.Runs;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>Retention removes old raw events and runs, never the current lineage.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Retention_deletes_events_and_runs_older_than_the_cutoff_and_keeps_the_rest()
    {
        // Retention goes by arrival: an old event time (a replay) received recently is kept.
        await RecordRunEventAsync("stale", RunStates.Start, At(0), receivedAt: At(0));
        await RecordRunEventAsync("stale", RunStates.Complete, At(1), receivedAt: At(1));
        await RecordRunEventAsync("replayed", RunStates.Complete, At(-1000), receivedAt: At(100));
        await RecordRunEventAsync("spanning", RunStates.Start, At(5), receivedAt: At(5));
        await RecordRunEventAsync("spanning", RunStates.Complete, At(200), receivedAt: At(200));
        await RecordAliasesAsync(new AssetAlias("path", "table"));
        await RecordAsync([new LineageRecord(StaticEvent(At(0)), null, [],
            [new ColumnLineage { Dataset = "table", Columns = [], UpdatedAt = At(0) }])]);

        var result = await Lineage.DeleteOlderThanAsync(At(50), NoCancellation);

        Assert.Equal(new RetentionResult(Events: 5, Runs: 1), result);
        Assert.Null(await Lineage.FindRunAsync("stale", NoCancellation));
        Assert.Equal(0, (await Lineage.ListRunEventsAsync("stale", All, NoCancellation)).Pagination.Total);
        Assert.Equal(1, (await Lineage.FindRunAsync("replayed", NoCancellation))!.EventCount);
        // A run still receiving events stays, with only its recent events.
        var spanning = await Lineage.FindRunAsync("spanning", NoCancellation);
        Assert.Equal((RunStates.Complete, 1L), (spanning!.State, spanning.EventCount));
        Assert.Equal("table", (await ResolveAsync("path"))["path"]);
        Assert.NotNull(await Lineage.FindColumnLineageAsync("table", NoCancellation));

        Assert.Equal(new RetentionResult(0, 0), await Lineage.DeleteOlderThanAsync(At(50), NoCancellation));
    }
}
