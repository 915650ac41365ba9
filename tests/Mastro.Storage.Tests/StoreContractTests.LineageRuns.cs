using System.Text.Json;
using Mastro.Core.Lineage;
using Mastro.Core.Lineage.Runs;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>Raw OpenLineage events and the runs folded from them.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Start_then_complete_makes_a_completed_run_with_its_times()
    {
        await RecordRunEventAsync("run-1", RunStates.Start, At(0));
        var started = await Lineage.FindRunAsync("run-1", NoCancellation);
        Assert.NotNull(started);
        Assert.Equal(RunStates.Start, started.State);
        Assert.Null(started.EndedAt);
        Assert.Null(started.DurationMs);

        await RecordRunEventAsync("run-1", RunStates.Complete, At(1.5));

        var run = await Lineage.FindRunAsync("run-1", NoCancellation);
        Assert.NotNull(run);
        Assert.Equal(("run-1", "ns/job", RunStates.Complete), (run.RunId, run.Job, run.State));
        TestDataAssert.SameInstant(At(0), run.StartedAt!.Value);
        TestDataAssert.SameInstant(At(1.5), run.EndedAt!.Value);
        Assert.Equal(90_000, run.DurationMs);
        Assert.Equal(2, run.EventCount);
        Assert.Null(run.ErrorMessage);
    }

    [Fact]
    public async Task Events_arriving_out_of_order_fold_into_the_same_run()
    {
        await RecordRunEventAsync("in-order", RunStates.Start, At(0));
        await RecordRunEventAsync("in-order", RunStates.Running, At(1));
        await RecordRunEventAsync("in-order", RunStates.Complete, At(2));
        await RecordRunEventAsync("reversed", RunStates.Complete, At(2));
        await RecordRunEventAsync("reversed", RunStates.Running, At(1));
        await RecordRunEventAsync("reversed", RunStates.Start, At(0));

        var inOrder = await Lineage.FindRunAsync("in-order", NoCancellation);
        var reversed = await Lineage.FindRunAsync("reversed", NoCancellation);

        Assert.Equal(RunStates.Complete, reversed!.State);
        Assert.Equal((inOrder!.State, inOrder.StartedAt, inOrder.EndedAt, inOrder.DurationMs, inOrder.EventCount),
            (reversed.State, reversed.StartedAt, reversed.EndedAt, reversed.DurationMs, reversed.EventCount));
    }

    [Fact]
    public async Task A_failed_run_keeps_its_error_and_a_later_other_event_does_not_reopen_it()
    {
        await RecordRunEventAsync("run-f", RunStates.Start, At(0));
        await RecordRunEventAsync("run-f", RunStates.Fail, At(3), error: "Table or view not found: wrong_table");
        await RecordRunEventAsync("run-f", RunStates.Other, At(4));

        var run = await Lineage.FindRunAsync("run-f", NoCancellation);

        Assert.Equal(RunStates.Fail, run!.State);
        Assert.Equal("Table or view not found: wrong_table", run.ErrorMessage);
        TestDataAssert.SameInstant(At(3), run.EndedAt!.Value);
        Assert.Equal(180_000, run.DurationMs);
        Assert.Equal(3, run.EventCount);
    }

    [Fact]
    public async Task A_run_without_start_has_no_start_time_nor_duration()
    {
        await RecordRunEventAsync("no-start", RunStates.Complete, At(5));

        var run = await Lineage.FindRunAsync("no-start", NoCancellation);

        Assert.Equal(RunStates.Complete, run!.State);
        Assert.Null(run.StartedAt);
        TestDataAssert.SameInstant(At(5), run.EndedAt!.Value);
        Assert.Null(run.DurationMs);
    }

    [Fact]
    public async Task Unknown_runs_are_null_and_have_no_events()
    {
        await RecordRunEventAsync("known", RunStates.Start, At(0));

        Assert.Null(await Lineage.FindRunAsync("unknown", NoCancellation));
        Assert.Equal(0, (await Lineage.ListRunEventsAsync("unknown", All, NoCancellation)).Pagination.Total);
    }

    [Fact]
    public async Task Run_events_are_listed_verbatim_oldest_first()
    {
        await RecordRunEventAsync("run-e", RunStates.Complete, At(2));
        await RecordRunEventAsync("run-e", RunStates.Start, At(0));
        await RecordRunEventAsync("other", RunStates.Start, At(1));

        var events = await Lineage.ListRunEventsAsync("run-e", All, NoCancellation);

        Assert.Equal(2, events.Pagination.Total);
        Assert.Equal([RunStates.Start, RunStates.Complete], events.Data.Select(e => e.EventType));
        Assert.Equal(EventJson("run-e", RunStates.Start, At(0)), events.Data[0].Json);
        using var parsed = JsonDocument.Parse(events.Data[1].Json);
        Assert.Equal("run-e", parsed.RootElement.GetProperty("run").GetProperty("runId").GetString());
        TestDataAssert.SameInstant(At(2), events.Data[1].EventTime);
    }

    [Fact]
    public async Task Runs_are_listed_newest_first_and_by_job_with_pages()
    {
        await RecordRunEventAsync("old", RunStates.Start, At(0), job: "ns/a");
        await RecordRunEventAsync("newest", RunStates.Start, At(10), job: "ns/b");
        await RecordRunEventAsync("middle", RunStates.Start, At(5), job: "ns/a");

        var all = await Lineage.ListRunsAsync(null, All, NoCancellation);
        var ofA = await Lineage.ListRunsAsync("ns/a", All, NoCancellation);
        var secondPage = await Lineage.ListRunsAsync(null, Page(2, 2), NoCancellation);

        Assert.Equal(["newest", "middle", "old"], all.Data.Select(r => r.RunId));
        Assert.Equal(["middle", "old"], ofA.Data.Select(r => r.RunId));
        Assert.Equal(["old"], secondPage.Data.Select(r => r.RunId));
        Assert.Equal(3, secondPage.Pagination.Total);
        Assert.Empty((await Lineage.ListRunsAsync("ns/none", All, NoCancellation)).Data);
    }

    [Fact]
    public async Task Every_event_is_listed_most_recently_received_first_including_events_without_a_run()
    {
        await RecordRunEventAsync("run-r", RunStates.Start, At(0));
        await RecordAliasesAsync();
        await RecordRunEventAsync("run-r", RunStates.Complete, At(1));

        var events = await Lineage.ListRecentEventsAsync(All, NoCancellation);

        Assert.Equal([RunStates.Complete, null, RunStates.Start], events.Data.Select(e => e.EventType));
        Assert.Null(events.Data[1].RunId);
    }

    [Fact]
    public async Task A_failing_batch_of_records_stores_none_of_them()
    {
        await RecordRunEventAsync("run-x", RunStates.Start, At(0));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var record = new LineageRecord(
            new ReceivedLineageEvent("run-x", RunStates.Complete, At(1), At(1), EventJson("run-x", RunStates.Complete, At(1))),
            new RunObservation("run-x", "ns/job", RunStates.Complete, At(1), null, At(1)),
            [new AssetAlias("alias", "asset")], []);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => RecordAsync([RunRecord("run-y", RunStates.Start, At(1)), record], cancelled.Token));

        Assert.Equal(RunStates.Start, (await Lineage.FindRunAsync("run-x", NoCancellation))!.State);
        Assert.Null(await Lineage.FindRunAsync("run-y", NoCancellation));
        Assert.Empty(await Lineage.ResolveAliasesAsync(["alias"], NoCancellation));
        Assert.Equal(1, (await Lineage.ListRecentEventsAsync(All, NoCancellation)).Pagination.Total);
    }

    [Fact]
    public async Task Records_given_together_are_applied_in_order_as_if_given_one_by_one()
    {
        await RecordAsync(
        [
            RunRecord("together-1", RunStates.Start, At(0)),
            RunRecord("together-2", RunStates.Start, At(0)),
            RunRecord("together-1", RunStates.Complete, At(2)),
            new LineageRecord(StaticEvent(At(3)), null, [new AssetAlias("path-a", "table-a")], []),
            new LineageRecord(StaticEvent(At(3)), null, [new AssetAlias("table-a", "table-b")], []),
        ], NoCancellation);

        var first = await Lineage.FindRunAsync("together-1", NoCancellation);
        Assert.Equal((RunStates.Complete, 2L, 120_000L), (first!.State, first.EventCount, first.DurationMs!.Value));
        Assert.Equal(RunStates.Start, (await Lineage.FindRunAsync("together-2", NoCancellation))!.State);
        // The later record made table-a an alias, and path-a followed it.
        Assert.Equal(
            new Dictionary<string, string> { ["path-a"] = "table-b", ["table-a"] = "table-b" },
            await Lineage.ResolveAliasesAsync(["path-a", "table-a"], NoCancellation));
        Assert.Equal(5, (await Lineage.ListRecentEventsAsync(All, NoCancellation)).Pagination.Total);
    }
}
