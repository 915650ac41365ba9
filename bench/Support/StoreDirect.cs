using Mastro.Core.Config;
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
        RunAsync(SqliteStore.Open(new SqliteStoreSettings(path)), count, cancellationToken);

    public static Task<double> PostgresAsync(string connectionString, long count, CancellationToken cancellationToken) =>
        RunAsync(PostgresStore.Open(new PostgresStoreSettings { ConnectionString = connectionString }), count, cancellationToken);

    private static async Task<double> RunAsync(IMastroStore store, long count, CancellationToken cancellationToken)
    {
        await using (store)
        {
            await store.MigrateAsync(cancellationToken);
            var catalogue = new AssetCatalogue(store.Assets, TimeProvider.System);
            return await TimedBatches.ItemsPerSecondAsync(count,
                (from, size) => Enumerable.Range(0, size).Select(i => AssetGenerator.Create(from + i)).ToList(),
                batch => catalogue.UpsertAsync(batch, cancellationToken));
        }
    }
}
