using Mastro.Core.Model;
using Mastro.Core.Storage;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>Schema migrations and health checks.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Migrating_again_keeps_data_and_the_store_working()
    {
        await UpsertAsync(FullAsset("before"));
        var setId = await Store.FeatureSets.InsertAsync(new FeatureSet { Name = "fs", Version = "v1" }, NoCancellation);

        await Store.MigrateAsync(NoCancellation);
        await Store.MigrateAsync(NoCancellation);
        await UpsertAsync(Asset("after"));

        TestDataAssert.SameAsset(FullAsset("before"), await FindAsync("before"));
        Assert.Equal("fs", (await Store.FeatureSets.FindByIdAsync(setId, NoCancellation))?.Name);
        Assert.Equal(["before", "after"], await ListedNamesAsync());
    }

    [Fact]
    public async Task Concurrent_migrations_are_safe()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Store.MigrateAsync(NoCancellation))));

        await UpsertAsync(Asset("works"));
        Assert.Equal(["works"], await ListedNamesAsync());
    }

    [Fact]
    public async Task Ping_answers_when_the_store_is_reachable()
    {
        await Store.PingAsync(NoCancellation);

        Assert.False(string.IsNullOrWhiteSpace(Store.Backend));
    }

    [Fact]
    public async Task Reads_honour_a_cancelled_token()
    {
        await UpsertAsync(Asset("orders"));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var token = cancellation.Token;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Assets.FindAsync("orders", token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Assets.ListAsync(All, token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Assets.SearchAsync(Query("orders"), All, token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.FeatureSets.ListAsync(All, token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.MetricSets.InsertAsync(new MetricSet { Name = "m", Version = "v" }, token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.PingAsync(token));
        Assert.Empty((await Store.MetricSets.ListAsync(All, NoCancellation)).Data);
    }
}
