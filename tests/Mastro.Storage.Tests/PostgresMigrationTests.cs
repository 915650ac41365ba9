using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Storage;
using Mastro.Storage.Postgres;

namespace Mastro.Storage.Tests;

/// <summary>Versioned migrations: applied once, in order, even when several replicas start together.</summary>
public sealed class PostgresMigrationTests
{
    /// <summary>The versions of the embedded scripts (<c>Migrations/NNNN_*.sql</c>), read independently of the migrator.</summary>
    private static readonly List<int> EmbeddedVersions = typeof(PostgresStore).Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith("Migrations/", StringComparison.Ordinal))
        .Select(name => int.Parse(name["Migrations/".Length..].Split('_')[0]))
        .Order()
        .ToList();

    [Fact]
    public async Task Replicas_migrating_the_same_database_at_once_apply_each_migration_exactly_once()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        var stores = Enumerable.Range(0, 8).Select(_ => database.OpenStore("shared")).ToList();
        try
        {
            await Task.WhenAll(stores.Select(store => store.MigrateAsync(CancellationToken.None)));

            Assert.NotEmpty(EmbeddedVersions);
            Assert.Equal(EmbeddedVersions, await database.QueryAsync<int>("SELECT version FROM shared.schema_migrations ORDER BY version"));
            foreach (var store in stores)
                Assert.Empty((await store.Assets.ListAsync(PageRequest.First, CancellationToken.None)).Data);
        }
        finally
        {
            foreach (var store in stores) await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Migrating_again_changes_nothing_and_keeps_the_data()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        await using (var store = database.OpenStore())
        {
            await store.MigrateAsync(CancellationToken.None);
            await store.Assets.UpsertAsync([PostgresTestDatabase.Asset("orders")], CancellationToken.None);
        }
        var appliedAt = await database.QueryAsync<DateTime>("SELECT applied_at FROM schema_migrations ORDER BY version");

        await using (var restarted = database.OpenStore())
        {
            await restarted.MigrateAsync(CancellationToken.None);
            Assert.NotNull(await restarted.Assets.FindAsync("orders", CancellationToken.None));
        }

        Assert.Equal(appliedAt, await database.QueryAsync<DateTime>("SELECT applied_at FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Upgrading_to_version_5_rewrites_the_search_vectors_to_tsvector_cut_differently()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        await using var store = database.OpenStore();
        await store.MigrateAsync(CancellationToken.None);
        await store.Assets.UpsertAsync([PostgresTestDatabase.Asset("model_3e8f0c2"), PostgresTestDatabase.Asset("orders")], CancellationToken.None);
        await store.MetricSets.InsertAsync(new MetricSet { Name = "checks_3e8f0c2", Version = "v1" }, CancellationToken.None);
        // The database as version 4 left it: the vectors of migration 1's search_vector over the tokenizer's words
        // (here the names with "_" as a space, the one tag, no labels), which cuts "3e8f0c2" in two.
        await database.ExecuteAsync("""
            UPDATE assets SET search = search_vector(replace(name, '_', ' '), 'raw', description, '');
            UPDATE metricset SET search = search_vector(replace(name, '_', ' '), version, description, '');
            DELETE FROM schema_migrations WHERE version = 5;
            """);
        Assert.Equal(["model_3e8f0c2"], Names(await store.Assets.SearchAsync(SearchQuery.Parse("f0c2")!, PageRequest.First, CancellationToken.None)));
        var untouched = await database.QueryAsync<string>("SELECT xmin::text FROM assets WHERE name = 'orders'");

        await store.MigrateAsync(CancellationToken.None);

        Assert.Empty((await store.Assets.SearchAsync(SearchQuery.Parse("f0c2")!, PageRequest.First, CancellationToken.None)).Data);
        Assert.Equal(["model_3e8f0c2"], Names(await store.Assets.SearchAsync(SearchQuery.Parse("3e8f0c2")!, PageRequest.First, CancellationToken.None)));
        Assert.Equal(["checks_3e8f0c2"], (await store.MetricSets.SearchAsync(SearchQuery.Parse("3e8f0c2")!, PageRequest.First, CancellationToken.None)).Data.Select(s => s.Name));
        Assert.Equal(["orders"], Names(await store.Assets.SearchAsync(SearchQuery.Parse("orders")!, PageRequest.First, CancellationToken.None)));
        // A vector the old parser wrote as the tokenizer does is left as it is: rewriting every row made the
        // upgrade of a large catalogue several times longer.
        Assert.Equal(untouched, await database.QueryAsync<string>("SELECT xmin::text FROM assets WHERE name = 'orders'"));
        Assert.Equal(EmbeddedVersions, await database.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version"));
    }

    private static IEnumerable<string> Names(Page<Asset> page) => page.Data.Select(asset => asset.Name);
}
