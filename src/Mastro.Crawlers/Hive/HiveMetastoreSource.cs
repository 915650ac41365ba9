using System.Runtime.CompilerServices;
using Mastro.Crawlers.Sources;
using Npgsql;

namespace Mastro.Crawlers.Hive;

/// <summary>
/// The <c>hive</c>/<c>impala</c> crawler: databases and tables straight from the metastore's PostgreSQL database
/// (Impala shares Hive's metastore), instead of HiveServer2/Impala queries. Every database is kept — the original
/// kept only the last one — and a root naming a missing database or table is reported, not silently empty.
/// </summary>
public sealed class HiveMetastoreSource(MetastoreSettings settings, MetastoreRoot root) : ICrawlSource
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(settings.Connection);

    public string Description => $"{settings} ({root})";

    public async IAsyncEnumerable<CrawlItem> CrawlAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new MetastoreReader(_dataSource);
        var any = false;
        await foreach (var database in reader.DatabasesAsync(root.Database, cancellationToken))
        {
            any = true;
            var origin = $"metastore database {database.Name}";
            yield return new FoundAsset(HiveAssets.Database(database), origin);
            var tables = await reader.TablesAsync(database.Id, root.Table, cancellationToken);
            if (root.Table is not null && tables.Count == 0)
                yield return new SkippedItem($"{origin}/{root.Table}", $"no table '{root.Table}' in database '{database.Name}'");
            foreach (var table in tables)
                yield return new FoundAsset(HiveAssets.Table(database, table), $"{origin}/{table.Name}");
        }
        if (!any && root.Database is not null)
            yield return new SkippedItem($"metastore database {root.Database}", $"no database '{root.Database}' in the metastore");
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
