using Mastro.Core.Model;
using Mastro.Storage.Postgres;

namespace Mastro.Storage.Tests;

/// <summary>Bulk and concurrent upserts, which PostgreSQL runs as one statement per batch.</summary>
public sealed class PostgresUpsertTests : IAsyncLifetime
{
    private PostgresStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = (await PostgresTestDatabase.CreateAsync()).OpenStore();
        await _store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Concurrent_batches_upserting_the_same_names_in_different_orders_all_succeed()
    {
        var names = Enumerable.Range(0, 300).Select(i => $"table_{i:D3}").ToList();
        // Opposite orders make the batches lock the same rows in opposite orders: deadlocks, which are retried.
        var batches = Enumerable.Range(0, 8)
            .Select(b => (b % 2 == 0 ? names : names.AsEnumerable().Reverse())
                .Select(name => PostgresTestDatabase.Asset(name, $"batch {b}")).ToList())
            .ToList();
        await _store.Assets.UpsertAsync([PostgresTestDatabase.Asset("table_000", "first")], CancellationToken.None);

        await Task.WhenAll(batches.Select(batch => Task.Run(() => _store.Assets.UpsertAsync(batch, CancellationToken.None))));

        var all = await _store.Assets.ListAsync(PageRequest.Of(1, 1000), CancellationToken.None);
        Assert.Equal(names.Count, all.Pagination.Total);
        Assert.Equal("table_000", all.Data[0].Name); // stored first, so it keeps the first position
        Assert.All(all.Data, asset => Assert.StartsWith("batch ", asset.Description));
    }

    [Fact]
    public async Task A_batch_of_thousands_is_stored_in_order_and_re_upserted_in_place()
    {
        var assets = Enumerable.Range(0, 5000).Select(i => PostgresTestDatabase.Asset($"asset_{i}", $"number {i}")).ToList();

        await _store.Assets.UpsertAsync(assets, CancellationToken.None);
        await _store.Assets.UpsertAsync(assets.AsEnumerable().Reverse().Select(a => a with { Description = "again" }).ToList(),
            CancellationToken.None);

        var lastPage = await _store.Assets.ListAsync(PageRequest.Of(5, 1000), CancellationToken.None);
        Assert.Equal(5000, lastPage.Pagination.Total);
        Assert.Equal(assets[4000..].Select(a => a.Name), lastPage.Data.Select(a => a.Name));
        Assert.All(lastPage.Data, asset => Assert.Equal("again", asset.Description));
    }
}
