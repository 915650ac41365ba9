using Mastro.Core.Config;
using Mastro.Core.Storage;
using Mastro.Storage.Sqlite;
using Mastro.Testing;

namespace Mastro.Storage.Tests;

/// <summary>The store contract on SQLite: a fresh database file per test.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override Task<IMastroStore> CreateStoreAsync() =>
        Task.FromResult<IMastroStore>(SqliteStore.Open(new SqliteStoreSettings(_directory.File("mastro.db"))));

    public void Dispose() => _directory.Dispose();
}
