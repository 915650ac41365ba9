using Mastro.Cli;
using Mastro.Core.Config;
using Mastro.Core.Storage;
using Mastro.Server;
using Mastro.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Mastro.Server.Tests;

/// <summary>
/// The real Mastro server in-process (WebApplicationFactory over the same host builder the executable uses),
/// on a real store. Subclasses choose the backend; each factory gets its own empty database.
/// </summary>
public abstract class MastroApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private IMastroStore? _store;

    protected abstract Task<StoreSettings> CreateStoreSettingsAsync();

    /// <summary>Overridable limits, so limit tests need not send 16 MiB.</summary>
    protected virtual ServerSettings Adjust(ServerSettings settings) => settings;

    public ServerSettings Settings { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var store = await CreateStoreSettingsAsync();
        Settings = Adjust(ServerSettings.Embedded("unused") with { Store = store, Port = 0 });
        _store = await StoreFactory.OpenAsync(store, CancellationToken.None);
    }

    protected override IHostBuilder CreateHostBuilder() =>
        MastroServer.CreateHostBuilder(Settings, _store ?? throw new InvalidOperationException("fixture not initialised"));

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_store is not null) await _store.DisposeAsync();
    }
}

public class SqliteApiFactory : MastroApiFactory
{
    private readonly TempDirectory _directory = new();

    protected override Task<StoreSettings> CreateStoreSettingsAsync() =>
        Task.FromResult<StoreSettings>(new SqliteStoreSettings(_directory.File("mastro.db")));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _directory.Dispose();
    }
}

public sealed class PostgresApiFactory : MastroApiFactory
{
    protected override async Task<StoreSettings> CreateStoreSettingsAsync()
    {
        var server = await PostgresServer.GetAsync();
        return new PostgresStoreSettings { ConnectionString = await server.CreateDatabaseAsync("api") };
    }
}
