using Mastro.Core.Config;
using Mastro.Core.Model;
using Mastro.Storage.Postgres;
using Npgsql;

namespace Mastro.Storage.Tests;

/// <summary>The <c>schema</c> setting: every object Mastro creates lands in that schema, created if missing.</summary>
public sealed class PostgresSchemaTests
{
    private const string TablesQuery = """
        SELECT table_schema || '.' || table_name FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1
        """;

    [Theory]
    [InlineData("mastro")]
    [InlineData("Tenant_2")] // mixed case: used exactly as written, not folded to lower case
    public async Task Creates_and_uses_the_configured_schema(string schema)
    {
        var database = await PostgresTestDatabase.CreateAsync();
        await using var store = database.OpenStore(schema);

        await store.MigrateAsync(CancellationToken.None);
        await store.Assets.UpsertAsync([PostgresTestDatabase.Asset("orders")], CancellationToken.None);

        AssertAllTablesIn(schema, await database.QueryAsync<string>(TablesQuery));
        Assert.Equal(["orders"], await database.QueryAsync<string>($"SELECT name FROM \"{schema}\".assets"));
    }

    [Fact]
    public async Task A_user_without_the_right_to_create_schemas_migrates_into_a_schema_it_was_given()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        var role = $"app_{Guid.NewGuid():N}";
        await database.ExecuteAsync($"CREATE ROLE {role} LOGIN; CREATE SCHEMA given AUTHORIZATION {role}");
        var asRole = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role }.ConnectionString;
        await using var store = PostgresStore.Open(new PostgresStoreSettings { ConnectionString = asRole, Schema = "given" });

        await store.MigrateAsync(CancellationToken.None);
        await store.Assets.UpsertAsync([PostgresTestDatabase.Asset("orders")], CancellationToken.None);

        Assert.Equal(["orders"], await database.QueryAsync<string>("SELECT name FROM given.assets"));
        Assert.Equal([false], await database.QueryAsync<bool>($"SELECT has_database_privilege('{role}', current_database(), 'CREATE')"));
    }

    [Fact]
    public async Task Stores_in_different_schemas_of_one_database_are_independent()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        await using var first = database.OpenStore("first");
        await using var second = database.OpenStore("second");
        await first.MigrateAsync(CancellationToken.None);
        await second.MigrateAsync(CancellationToken.None);

        await first.Assets.UpsertAsync([PostgresTestDatabase.Asset("only-in-first")], CancellationToken.None);

        Assert.Equal(1, (await first.Assets.ListAsync(PageRequest.First, CancellationToken.None)).Pagination.Total);
        Assert.Empty((await second.Assets.ListAsync(PageRequest.First, CancellationToken.None)).Data);
    }

    [Fact]
    public async Task Without_a_schema_setting_objects_land_in_the_default_schema()
    {
        var database = await PostgresTestDatabase.CreateAsync();
        await using var store = database.OpenStore();

        await store.MigrateAsync(CancellationToken.None);

        AssertAllTablesIn("public", await database.QueryAsync<string>(TablesQuery));
    }

    /// <summary>Every table Mastro made is in <paramref name="schema"/>, the main ones among them (later migrations add more).</summary>
    private static void AssertAllTablesIn(string schema, IEnumerable<string> tables)
    {
        var found = tables.ToList();
        Assert.All(found, table => Assert.StartsWith($"{schema}.", table));
        string[] main = ["assets", "featureset", "metricset", "schema_migrations", "api_token", "audit_entry"];
        Assert.Subset(found.ToHashSet(), main.Select(table => $"{schema}.{table}").ToHashSet());
    }
}
