using Mastro.Storage.Postgres;

namespace Mastro.Storage.Tests;

/// <summary>Base of the PostgreSQL-specific tests: each test gets a fresh database with Mastro's schema migrated in.</summary>
public abstract class MigratedPostgresStoreTests : IAsyncLifetime
{
    internal PostgresTestDatabase Database { get; private set; } = null!;

    internal PostgresStore Store { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Database = await PostgresTestDatabase.CreateAsync();
        Store = Database.OpenStore();
        await Store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();
}
