using Mastro.Core.Storage;

namespace Mastro.Storage.Tests;

/// <summary>
/// The behaviour every store backend must have. Each backend derives one class that only says how to
/// open a fresh, empty store; every test (in the partial files StoreContractTests.*.cs) runs against each.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    private IMastroStore? _store;

    protected IMastroStore Store => _store ?? throw new InvalidOperationException("store not initialised");

    /// <summary>Opens a new, empty store (not yet migrated).</summary>
    protected abstract Task<IMastroStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }
}
