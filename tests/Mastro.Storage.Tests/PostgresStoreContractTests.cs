using Mastro.Core.Config;
using Mastro.Core.Storage;
using Mastro.Storage.Postgres;
using Mastro.Testing;

namespace Mastro.Storage.Tests;

/// <summary>The store contract against a real PostgreSQL server, each test in a fresh database.</summary>
public sealed class PostgresStoreContractTests : StoreContractTests
{
    protected override async Task<IMastroStore> CreateStoreAsync()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        return PostgresStore.Open(new PostgresStoreSettings { ConnectionString = connectionString });
    }
}
