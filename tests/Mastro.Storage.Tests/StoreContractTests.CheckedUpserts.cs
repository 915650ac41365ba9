using Mastro.Core.Storage;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>Upserts that choose what to store from what is stored (<see cref="IAssetStore.UpsertCheckedAsync"/>).</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task A_checked_upsert_chooses_from_the_named_assets_as_stored_and_stores_its_choice()
    {
        await UpsertAsync(Asset("kept", "stored"), Asset("other", "stored"));
        IReadOnlyList<AssetRow>? seen = null;

        var stored = await Store.Assets.UpsertCheckedAsync(["kept", "missing"], rows =>
        {
            seen = rows;
            return [Asset("kept", "chosen"), Asset("new")];
        }, NoCancellation);

        Assert.Equal(["kept"], seen!.Select(row => row.Name));
        Assert.Equal("stored", seen![0].Description);
        Assert.Equal(["kept", "new"], stored.Select(asset => asset.Name));
        Assert.Equal("chosen", (await FindAsync("kept"))!.Description);
        Assert.NotNull(await FindAsync("new"));
        Assert.Equal("stored", (await FindAsync("other"))!.Description);
    }

    /// <summary>
    /// A write that lands while the choice is made must not be overwritten with a choice made from the copy before
    /// it: either the store holds the write off until the checked upsert commits, or it chooses again.
    /// </summary>
    [Fact]
    public async Task An_asset_written_while_a_checked_upsert_chooses_is_not_overwritten_with_the_copy_it_read()
    {
        await UpsertAsync(Asset("dataset", "before", tags: ["before"]));
        // The choice blocks a pool thread while it waits, and the write it waits for needs free ones.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), completionPorts);
        Task? concurrentWrite = null;

        await Store.Assets.UpsertCheckedAsync(["dataset"], rows =>
        {
            var read = rows.Single().ToAsset();
            if (concurrentWrite is null)
            {
                concurrentWrite = Task.Run(() => UpsertAsync(Asset("dataset", "edited", tags: ["edited"])));
                SpinWait.SpinUntil(() => concurrentWrite.IsCompleted, TimeSpan.FromMilliseconds(500));
            }
            return [read with { Tags = [.. read.Tags, "checked"] }];
        }, NoCancellation);
        await concurrentWrite!;

        var tags = (await FindAsync("dataset"))!.Tags;
        Assert.Contains("edited", tags);
        Assert.DoesNotContain("before", tags);
    }

    [Fact]
    public async Task An_asset_deleted_while_a_checked_upsert_chooses_is_not_brought_back()
    {
        await UpsertAsync(Asset("dataset", "before"));
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), completionPorts);
        Task<bool>? concurrentDelete = null;

        await Store.Assets.UpsertCheckedAsync(["dataset"], rows =>
        {
            if (concurrentDelete is null)
            {
                concurrentDelete = Task.Run(() => Store.Assets.DeleteAsync("dataset", NoCancellation));
                SpinWait.SpinUntil(() => concurrentDelete.IsCompleted, TimeSpan.FromMilliseconds(500));
            }
            return [.. rows.Select(row => row.ToAsset() with { Description = "chosen" })];
        }, NoCancellation);

        Assert.True(await concurrentDelete!);
        Assert.Null(await FindAsync("dataset"));
    }
}
