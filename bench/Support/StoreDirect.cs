using Mastro.Core.Config;
using Mastro.Core.Model;
using Mastro.Core.Services;
using Mastro.Core.Storage;
using Mastro.Storage.Postgres;
using Mastro.Storage.Sqlite;

namespace Mastro.Bench.Support;

/// <summary>
/// The same assets through the catalogue service into a fresh store in this process (validation, stamping and the
/// store's own writes, no HTTP): it splits the gap between a bulk upsert and a raw insert into the store's share
/// and the HTTP layer's. Timed like <see cref="RawInsert"/>.
/// </summary>
public static class StoreDirect
{
    public static Task<double> SqliteAsync(string path, long count, CancellationToken cancellationToken) =>
        RunAsync(SqliteStore.Open(new SqliteStoreSettings(path)), count, 0, cancellationToken);

    /// <summary>Like the PostgreSQL load over HTTP, after an untimed warm-up with <paramref name="warmUpCount"/> other assets.</summary>
    public static Task<double> PostgresAsync(string connectionString, long count, long warmUpCount, CancellationToken cancellationToken) =>
        RunAsync(PostgresStore.Open(new PostgresStoreSettings { ConnectionString = connectionString }), count, warmUpCount, cancellationToken);

    private static async Task<double> RunAsync(IMastroStore store, long count, long warmUpCount, CancellationToken cancellationToken)
    {
        await using (store)
        {
            await store.MigrateAsync(cancellationToken);
            var catalogue = new AssetCatalogue(store.Assets, TimeProvider.System);
            // The warm-up's names follow the timed ones; its rate is not reported.
            await TimedBatches.ItemsPerSecondAsync(warmUpCount, (from, size) => AssetGenerator.Batch(count + from, size), Upsert);
            return await TimedBatches.ItemsPerSecondAsync(count, AssetGenerator.Batch, Upsert);

            Task Upsert(List<Asset> batch) => catalogue.UpsertAsync(batch, cancellationToken);
        }
    }
}
