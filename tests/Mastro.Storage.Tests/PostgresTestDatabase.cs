using Mastro.Core.Config;
using Mastro.Core.Model;
using Mastro.Storage.Postgres;
using Mastro.Testing;
using Npgsql;

namespace Mastro.Storage.Tests;

/// <summary>A fresh database on the throwaway server, for the PostgreSQL-specific tests.</summary>
internal sealed record PostgresTestDatabase(PostgresServer Server, string ConnectionString)
{
    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = await PostgresServer.GetAsync();
        return new PostgresTestDatabase(server, await server.CreateDatabaseAsync());
    }

    public string Name => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    public PostgresStore OpenStore(string? schema = null) =>
        PostgresStore.Open(new PostgresStoreSettings { ConnectionString = ConnectionString, Schema = schema });

    /// <summary>Runs statements directly as the server's superuser.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query directly (not through the store) and returns its first column.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    public static Asset Asset(string name, string description = "") => new()
    {
        Name = name,
        Type = AssetTypes.Dataset,
        Description = description,
        PublishedOn = new DateTimeOffset(2021, 3, 23, 13, 52, 43, 787, TimeSpan.Zero),
        LastDiscoveredAt = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Tags = ["raw"],
    };
}
