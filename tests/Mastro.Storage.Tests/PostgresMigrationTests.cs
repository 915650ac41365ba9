using Mastro.Core.Model;
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
}
