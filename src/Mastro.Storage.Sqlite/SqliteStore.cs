using Mastro.Core.Config;
using Mastro.Core.Lineage;
using Mastro.Core.Model;
using Mastro.Core.Storage;

namespace Mastro.Storage.Sqlite;

/// <summary>The embedded store: every kind of item in one SQLite database file (WAL mode).</summary>
public sealed class SqliteStore : IMastroStore
{
    /// <summary>How long a statement waits for another process's lock before the store reports itself unavailable.</summary>
    private static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    private readonly SqliteDatabase _database;

    static SqliteStore() => SQLitePCL.Batteries_V2.Init();

    private SqliteStore(SqliteDatabase database)
    {
        _database = database;
        Assets = new SqliteAssetStore(database);
        FeatureSets = new SqliteVersionedSetStore<FeatureSet>(database, VersionedSetKinds.FeatureSets);
        MetricSets = new SqliteVersionedSetStore<MetricSet>(database, VersionedSetKinds.MetricSets);
        Tokens = new SqliteTokenStore(database);
        Audit = new SqliteAuditLog(database);
        Lineage = new SqliteLineageStore(database);
    }

    /// <summary>
    /// Prepares a store on the file at <see cref="SqliteStoreSettings.Path"/>, creating its directory if needed.
    /// The file itself is created by <see cref="MigrateAsync"/>.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The directory cannot be created.</exception>
    /// <param name="busyTimeout">How long to wait for another process's lock (default 5 s).</param>
    public static SqliteStore Open(SqliteStoreSettings settings, TimeSpan? busyTimeout = null)
    {
        var path = Path.GetFullPath(settings.Path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"cannot create the directory of SQLite database {path}: {e.Message}", e);
        }
        return new SqliteStore(new SqliteDatabase(path, busyTimeout ?? DefaultBusyTimeout));
    }

    public string Backend => "sqlite";

    public IAssetStore Assets { get; }
    public IVersionedSetStore<FeatureSet> FeatureSets { get; }
    public IVersionedSetStore<MetricSet> MetricSets { get; }
    public ITokenStore Tokens { get; }
    public IAuditLog Audit { get; }
    public ILineageStore Lineage { get; }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // WAL lets readers go on while one writer writes; the mode is kept in the file, and cannot be set inside a transaction.
        await _database.ExecuteScalarAsync("PRAGMA journal_mode = WAL", cancellationToken);
        await _database.WriteAsync(connection => SqliteMigrations.ApplyAsync(connection, cancellationToken), cancellationToken);
    }

    public Task PingAsync(CancellationToken cancellationToken) =>
        _database.ExecuteScalarAsync("SELECT 1", cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
