using Mastro.Core.Model;
using Mastro.Storage.Postgres;

namespace Mastro.Storage.Tests;

/// <summary>Bulk and concurrent upserts, which PostgreSQL runs as one statement per batch.</summary>
public sealed class PostgresUpsertTests : MigratedPostgresStoreTests
{
    [Fact]
    public async Task Concurrent_batches_upserting_the_same_new_names_in_opposite_orders_all_succeed()
    {
        // Opposite orders make two batches wait for each other's rows: PostgreSQL aborts one as deadlocked,
        // and the store runs it again. Several rounds, as a deadlock needs the two to overlap in time.
        for (var round = 0; round < 4; round++)
        {
            var names = Enumerable.Range(0, PageRequest.MaxLimit).Select(i => $"round_{round}_table_{i:D4}").ToList();
            var forward = names.Select(name => PostgresTestDatabase.Asset(name, "forward")).ToList();
            var backward = names.AsEnumerable().Reverse().Select(name => PostgresTestDatabase.Asset(name, "backward")).ToList();

            await Task.WhenAll(
                Task.Run(() => Store.Assets.UpsertAsync(forward, CancellationToken.None)),
                Task.Run(() => Store.Assets.UpsertAsync(backward, CancellationToken.None)));

            var stored = await Store.Assets.ListAsync(PageRequest.Of(round + 1, PageRequest.MaxLimit), CancellationToken.None);
            Assert.Equal(names.Count * (round + 1), stored.Pagination.Total);
            Assert.Equal(names, stored.Data.Select(asset => asset.Name).Order());
            Assert.Single(stored.Data.Select(asset => asset.Description).Distinct()); // the batch that ran last, entirely
        }
    }

    [Fact]
    public async Task A_batch_of_thousands_is_stored_in_order_and_re_upserted_in_place()
    {
        var assets = Enumerable.Range(0, 5000).Select(i => PostgresTestDatabase.Asset($"asset_{i}", $"number {i}")).ToList();

        await Store.Assets.UpsertAsync(assets, CancellationToken.None);
        await Store.Assets.UpsertAsync(assets.AsEnumerable().Reverse().Select(a => a with { Description = "again" }).ToList(),
            CancellationToken.None);

        var lastPage = await Store.Assets.ListAsync(PageRequest.Of(5, 1000), CancellationToken.None);
        Assert.Equal(5000, lastPage.Pagination.Total);
        Assert.Equal(assets[4000..].Select(a => a.Name), lastPage.Data.Select(a => a.Name));
        Assert.All(lastPage.Data, asset => Assert.Equal("again", asset.Description));
    }
}
