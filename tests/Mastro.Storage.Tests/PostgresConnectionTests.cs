using Mastro.Core.Config;
using Mastro.Core.Storage;
using Mastro.Storage.Postgres;

namespace Mastro.Storage.Tests;

/// <summary>The two ways of configuring the connection, as a config file gives them.</summary>
public sealed class PostgresConnectionTests
{
    [Fact]
    public async Task Connects_from_host_port_database_and_username_settings()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        var settings = (PostgresStoreSettings)StoreSettings.From(Backend(new()
        {
            ["host"] = $"127.0.0.1:{database.Server.Port}",
            ["database"] = database.Name,
            ["username"] = "postgres",
        }));

        await using var store = PostgresStore.Open(settings);
        await store.MigrateAsync(CancellationToken.None);
        await store.Assets.UpsertAsync([PostgresTestDatabase.Asset("orders")], CancellationToken.None);

        Assert.Equal("postgres", store.Backend);
        Assert.Equal(["orders"], await database.QueryAsync<string>("SELECT name FROM assets"));
    }

    [Fact]
    public async Task Connects_from_a_connection_string_setting()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        var settings = (PostgresStoreSettings)StoreSettings.From(Backend(new() { ["connection-string"] = database.ConnectionString }));

        await using var store = PostgresStore.Open(settings);
        await store.MigrateAsync(CancellationToken.None);
        await store.Assets.UpsertAsync([PostgresTestDatabase.Asset("customers")], CancellationToken.None);

        Assert.Equal("customers", (await store.Assets.FindAsync("customers", CancellationToken.None))?.Name);
        Assert.Equal(["customers"], await database.QueryAsync<string>("SELECT name FROM assets"));
    }

    [Fact]
    public void A_malformed_connection_string_is_a_config_error_that_does_not_repeat_it()
    {
        const string secret = "hunter2-secret";
        var settings = new PostgresStoreSettings { ConnectionString = $"Host=db;Password={secret};NoSuchKeyword={secret}" };

        var error = Assert.Throws<ConfigException>(() => PostgresStore.Open(settings));

        Assert.Contains("connection-string", error.Message);
        Assert.DoesNotContain(secret, error.ToString());
    }

    private static BackendConfig Backend(Dictionary<string, string> settings) =>
        new("test", "postgres", settings, BackendConfig.None, BackendConfig.None, BackendConfig.None);
}
