using Mastro.Core.Config;
using Mastro.Core.Storage;
using Mastro.Storage.Postgres;
using Mastro.Storage.Sqlite;

namespace Mastro.Cli;

/// <summary>Opens the store named by the config and brings its schema up to date.</summary>
public static class StoreFactory
{
    /// <summary>How long startup waits by default for a store that is not reachable yet (e.g. PostgreSQL still starting).</summary>
    public static readonly TimeSpan DefaultStartupWait = TimeSpan.FromSeconds(30);

    public static Task<IMastroStore> OpenAsync(StoreSettings settings, CancellationToken cancellationToken) =>
        OpenAsync(settings, DefaultStartupWait, cancellationToken);

    public static async Task<IMastroStore> OpenAsync(StoreSettings settings, TimeSpan startupWait, CancellationToken cancellationToken)
    {
        IMastroStore store = settings switch
        {
            SqliteStoreSettings sqlite => SqliteStore.Open(sqlite),
            PostgresStoreSettings postgres => PostgresStore.Open(postgres),
            _ => throw new ConfigException($"backend.type: no store for {settings.GetType().Name}"),
        };
        try
        {
            await MigrateWithRetriesAsync(store, startupWait, cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private static async Task MigrateWithRetriesAsync(IMastroStore store, TimeSpan startupWait, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + startupWait;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await store.MigrateAsync(cancellationToken);
                return;
            }
            catch (StoreUnavailableException) when (DateTimeOffset.UtcNow + delay < deadline)
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
