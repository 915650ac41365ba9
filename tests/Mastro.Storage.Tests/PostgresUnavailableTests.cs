using Mastro.Core.Config;
using Mastro.Core.Model;
using Mastro.Core.Storage;
using Mastro.Storage.Postgres;
using Mastro.Testing;
using Npgsql;

namespace Mastro.Storage.Tests;

/// <summary>An unreachable or vanished server is reported as <see cref="StoreUnavailableException"/>, never with the password.</summary>
public sealed class PostgresUnavailableTests
{
    private const string Password = "pa55-Very-Secret";

    public static TheoryData<string> Configurations => ["parts", "connection-string"];

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task A_closed_port_is_reported_as_unavailable_without_the_password(string configuration)
    {
        await using var store = PostgresStore.Open(ClosedPortSettings(configuration));

        var errors = new List<StoreUnavailableException>
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PingAsync(CancellationToken.None)),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.MigrateAsync(CancellationToken.None)),
            await Assert.ThrowsAsync<StoreUnavailableException>(
                () => store.Assets.UpsertAsync([PostgresTestDatabase.Asset("orders")], CancellationToken.None)),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.FeatureSets.ListAsync(PageRequest.First, CancellationToken.None)),
        };

        Assert.All(errors, error =>
        {
            Assert.Contains("127.0.0.1", error.Message);
            Assert.DoesNotContain(Password, error.ToString());
        });
    }

    [Fact]
    public async Task A_connection_dropped_by_the_server_is_reported_as_unavailable_and_the_store_then_recovers()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        await using var store = database.OpenStore();
        await store.MigrateAsync(CancellationToken.None);
        await store.PingAsync(CancellationToken.None); // leaves an open connection in the pool

        // What a server restart does to every open connection (SQLSTATE 57P01).
        await using (var admin = new NpgsqlConnection(database.Server.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name", admin);
            terminate.Parameters.AddWithValue("name", database.Name);
            await terminate.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.Assets.ListAsync(PageRequest.First, CancellationToken.None));
        Assert.Empty((await store.Assets.ListAsync(PageRequest.First, CancellationToken.None)).Data);
    }

    private static PostgresStoreSettings ClosedPortSettings(string configuration)
    {
        // A port just found free: nothing listens there, so connecting is refused at once.
        var port = ExternalProcess.FreeTcpPort();
        return configuration == "parts"
            ? new PostgresStoreSettings { Host = "127.0.0.1", Port = port, Username = "mastro", Password = Password, Database = "mastro" }
            : new PostgresStoreSettings
            {
                ConnectionString = $"Host=127.0.0.1;Port={port};Username=mastro;Password={Password};Database=mastro;Timeout=5",
            };
    }
}
