using Mastro.Testing;
using Npgsql;

namespace Mastro.Storage.Tests;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task Throwaway_server_accepts_queries_in_a_fresh_database()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select current_database()", connection);
        var name = (string?)await command.ExecuteScalarAsync();
        Assert.StartsWith("test_", name);
    }
}
