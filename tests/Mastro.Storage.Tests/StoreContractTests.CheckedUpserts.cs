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
}
