using Mastro.Core.Config;
using Mastro.Core.Lineage;
using Mastro.Core.Model;
using Mastro.Core.Storage;
using Npgsql;

namespace Mastro.Storage.Postgres;

/// <summary>
/// The production store: PostgreSQL through one Npgsql connection pool, every object in the configured
/// schema (or the server's default search path).
/// </summary>
public sealed class PostgresStore : IMastroStore
{
    private readonly PostgresDatabase _database;
    private readonly PostgresMigrator _migrator;

    private PostgresStore(PostgresDatabase database, string? schema)
    {
        _database = database;
        _migrator = new PostgresMigrator(database, schema);
        Assets = new PostgresAssetStore(database);
        FeatureSets = new PostgresVersionedSetStore<FeatureSet>(database, VersionedSetKinds.FeatureSets);
        MetricSets = new PostgresVersionedSetStore<MetricSet>(database, VersionedSetKinds.MetricSets);
        Tokens = new PostgresTokenStore(database);
        Audit = new PostgresAuditLog(database);
        Lineage = new PostgresLineageStore(database);
    }

    /// <summary>Prepares the connection pool; nothing connects until the first operation.</summary>
    /// <exception cref="ConfigException">The connection string cannot be parsed.</exception>
    public static PostgresStore Open(PostgresStoreSettings settings)
    {
        var connectionString = PostgresConnectionString.Build(settings);
        var dataSource = new NpgsqlDataSourceBuilder(connectionString.ConnectionString).Build();
        var database = new PostgresDatabase(dataSource, PostgresConnectionString.Describe(connectionString));
        return new PostgresStore(database, settings.Schema);
    }

    public string Backend => "postgres";

    public IAssetStore Assets { get; }
    public IVersionedSetStore<FeatureSet> FeatureSets { get; }
    public IVersionedSetStore<MetricSet> MetricSets { get; }
    public ITokenStore Tokens { get; }
    public IAuditLog Audit { get; }
    public ILineageStore Lineage { get; }

    public Task MigrateAsync(CancellationToken cancellationToken) => _migrator.MigrateAsync(cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => _database.PingAsync(cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
