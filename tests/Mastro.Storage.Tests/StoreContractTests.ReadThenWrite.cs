using Mastro.Core.Lineage;
using Mastro.Core.Model;
using Mastro.Core.Storage;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>
/// The writes that choose what to store from what they read, in one transaction: a checked upsert
/// (<see cref="IAssetStore.UpsertCheckedAsync"/>) and a lineage batch (<see cref="ILineageStore.IngestAsync"/>). A
/// write or a delete that lands while they choose must win over the copy they read: either the store holds it off
/// until their commit, or they choose again.
/// </summary>
public abstract partial class StoreContractTests
{
    public enum ReadThenWrite { CheckedUpsert, LineageBatch }

    private Task ReadThenWriteAsync(ReadThenWrite kind, string name, Func<IReadOnlyList<AssetRow>, IReadOnlyList<Asset>> choose) => kind switch
    {
        ReadThenWrite.CheckedUpsert => Store.Assets.UpsertCheckedAsync([name], choose, NoCancellation),
        _ => Lineage.IngestAsync([name], stored => new LineageWrite(choose(stored.Assets), []), NoCancellation),
    };

    [Theory]
    [InlineData(ReadThenWrite.CheckedUpsert)]
    [InlineData(ReadThenWrite.LineageBatch)]
    public async Task An_asset_written_while_its_copy_is_read_and_changed_is_not_overwritten_with_that_copy(ReadThenWrite kind)
    {
        await UpsertAsync(Asset("dataset", "before", tags: ["before"]));
        var write = new ConcurrentWrite<bool>(async () => { await UpsertAsync(Asset("dataset", "edited", tags: ["edited"])); return true; });

        await ReadThenWriteAsync(kind, "dataset", rows =>
        {
            var read = rows.Single().ToAsset();
            write.StartOnceAndWait();
            return [read with { Tags = [.. read.Tags, "added"] }];
        });
        await write.Completion;

        var tags = (await FindAsync("dataset"))!.Tags;
        Assert.Contains("edited", tags);
        Assert.DoesNotContain("before", tags);
    }

    [Theory]
    [InlineData(ReadThenWrite.CheckedUpsert)]
    [InlineData(ReadThenWrite.LineageBatch)]
    public async Task An_asset_deleted_while_its_copy_is_read_and_changed_is_not_brought_back(ReadThenWrite kind)
    {
        await UpsertAsync(Asset("dataset", "before"));
        var delete = new ConcurrentWrite<bool>(() => Store.Assets.DeleteAsync("dataset", NoCancellation));

        await ReadThenWriteAsync(kind, "dataset", rows =>
        {
            delete.StartOnceAndWait();
            return [.. rows.Select(row => row.ToAsset() with { Description = "changed" })];
        });

        Assert.True(await delete.Completion);
        Assert.Null(await FindAsync("dataset"));
    }
}
