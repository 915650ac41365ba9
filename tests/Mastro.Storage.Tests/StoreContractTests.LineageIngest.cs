using Mastro.Core.Lineage;
using Mastro.Core.Lineage.Runs;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>A batch of events: read what is stored, plan against it, write assets and records in one transaction.</summary>
public abstract partial class StoreContractTests
{
    private static readonly LineageWrite NothingToWrite = new([], []);

    [Fact]
    public async Task An_ingest_reads_the_assets_named_those_aliases_stand_for_and_the_aliases()
    {
        var table = FullAsset("warehouse.orders");
        var unicode = FullAsset("café/données 'quoted' \"too\"");
        await UpsertAsync(table, unicode, Asset("Orders", "not asked for"), Asset("unrelated"));
        await RecordAliasesAsync(new AssetAlias("s3://lake/orders", table.Name), new AssetAlias("s3://lake/other", "unrelated"));

        StoredCatalogue? read = null;
        await Lineage.IngestAsync(
            [unicode.Name, "orders", "s3://lake/orders", "never stored", unicode.Name, "nul\0name", "[\"json\"]"],
            stored => { read = stored; return NothingToWrite; }, NoCancellation);

        var found = read!.Assets.Select(row => row.ToAsset()).OrderBy(asset => asset.Name, StringComparer.Ordinal).ToList();
        Assert.Equal([unicode.Name, table.Name], found.Select(asset => asset.Name));
        TestDataAssert.SameAsset(unicode, found[0]);
        TestDataAssert.SameAsset(table, found[1]);
        Assert.Equal(new Dictionary<string, string> { ["s3://lake/orders"] = table.Name }, read.Aliases);
    }

    [Fact]
    public async Task An_ingest_naming_nothing_reads_nothing()
    {
        await UpsertAsync(Asset("stored"));

        StoredCatalogue? read = null;
        await Lineage.IngestAsync([], stored => { read = stored; return NothingToWrite; }, NoCancellation);

        Assert.Empty(read!.Assets);
        Assert.Empty(read.Aliases);
    }

    [Fact]
    public async Task An_ingest_writes_the_assets_and_records_its_plan_returns()
    {
        var dataset = FullAsset("warehouse.orders");

        await Lineage.IngestAsync(["warehouse.orders"],
            _ => new LineageWrite([dataset], [RunRecord("run-a", RunStates.Start, At(0))]), NoCancellation);

        TestDataAssert.SameAsset(dataset, await FindAsync(dataset.Name));
        Assert.Equal(RunStates.Start, (await Lineage.FindRunAsync("run-a", NoCancellation))!.State);
    }

    [Fact]
    public async Task An_ingest_cancelled_between_its_records_stores_none_of_its_assets_and_records()
    {
        using var cancellation = new CancellationTokenSource();
        var records = new CancellingBatch<LineageRecord>(
            [RunRecord("run-a", RunStates.Start, At(0)), RunRecord("run-b", RunStates.Start, At(0))], cancelAt: 1, cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Lineage.IngestAsync(["dataset"], _ => new LineageWrite([Asset("dataset")], records), cancellation.Token));

        Assert.True(records.Cancelled);
        Assert.Null(await FindAsync("dataset"));
        Assert.Null(await Lineage.FindRunAsync("run-a", NoCancellation));
        Assert.Equal(0, (await Lineage.ListRecentEventsAsync(All, NoCancellation)).Pagination.Total);
    }

    /// <summary>
    /// Events of one run enriching one dataset, arriving at once (as at several replicas): each batch's addition
    /// survives, and the run counts every event. On PostgreSQL they collide and run again; each can only fail when
    /// another one commits, so with four of them the store's four attempts always suffice.
    /// </summary>
    [Fact]
    public async Task Concurrent_ingests_of_one_run_and_one_asset_each_keep_their_addition()
    {
        await UpsertAsync(Asset("dataset"));
        var states = new[] { RunStates.Start, RunStates.Running, RunStates.Running, RunStates.Complete };

        await Task.WhenAll(states.Select((state, i) => Task.Run(() => Lineage.IngestAsync(["dataset"], stored =>
        {
            var read = stored.Assets.Single().ToAsset();
            return new LineageWrite([read with { Tags = [.. read.Tags, $"event-{i}"] }], [RunRecord("shared-run", state, At(i))]);
        }, NoCancellation))));

        Assert.Equal(["event-0", "event-1", "event-2", "event-3"], (await FindAsync("dataset"))!.Tags.Order(StringComparer.Ordinal));
        var run = await Lineage.FindRunAsync("shared-run", NoCancellation);
        Assert.Equal((RunStates.Complete, 4L), (run!.State, run.EventCount));
    }
}
