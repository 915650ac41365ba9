using Mastro.Core.Model;
using Npgsql;

namespace Mastro.Storage.Tests;

/// <summary>Store calls stop waiting on the server when their token is cancelled.</summary>
public sealed class PostgresCancellationTests
{
    [Fact]
    public async Task A_read_blocked_by_a_lock_is_cancelled_by_its_token()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        await using var store = database.OpenStore();
        await store.MigrateAsync(CancellationToken.None);

        // Another session holds the table, so the store's read waits until cancelled.
        await using var blocker = new NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE assets IN ACCESS EXCLUSIVE MODE", blocker))
            await lockTable.ExecuteNonQueryAsync();

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var read = store.Assets.ListAsync(PageRequest.First, cancellation.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_write_blocked_by_a_lock_is_cancelled_and_stores_nothing()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        await using var store = database.OpenStore();
        await store.MigrateAsync(CancellationToken.None);

        await using (var blocker = new NpgsqlConnection(database.ConnectionString))
        {
            await blocker.OpenAsync();
            await using var transaction = await blocker.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE assets IN ACCESS EXCLUSIVE MODE", blocker))
                await lockTable.ExecuteNonQueryAsync();

            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var write = store.Assets.UpsertAsync([PostgresTestDatabase.Asset("orders")], cancellation.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(TimeSpan.FromSeconds(20)));
        }

        Assert.Empty(await database.QueryAsync<string>("SELECT name FROM assets"));
    }
}
