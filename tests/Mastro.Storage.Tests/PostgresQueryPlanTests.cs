using Mastro.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Mastro.Storage.Tests;

/// <summary>
/// The lineage store's look-ups by name find their rows through indexes, whatever the size of the catalogue: with
/// sequential scans disabled, PostgreSQL still plans one only where a statement leaves it no index to use. A test
/// database is too small for timings to show a whole-table read (the bench's OpenLineage scenario does); its plan does.
/// </summary>
public sealed class PostgresQueryPlanTests : MigratedPostgresStoreTests
{
    public static TheoryData<string, string> LookUps() => new()
    {
        { nameof(PostgresLineageStore.AliasesSql), PostgresLineageStore.AliasesSql },
        { nameof(PostgresLineageStore.NodesSql), PostgresLineageStore.NodesSql },
        { nameof(PostgresLineageStore.DependentsSql), PostgresLineageStore.DependentsSql },
        { nameof(PostgresLineageStore.CatalogueAssetsSql), PostgresLineageStore.CatalogueAssetsSql },
        { nameof(PostgresLineageStore.RunsToFoldSql), PostgresLineageStore.RunsToFoldSql },
    };

    [Theory]
    [MemberData(nameof(LookUps))]
    public async Task A_look_up_by_name_reads_no_whole_table(string statement, string sql)
    {
        var plan = await ExplainAsync(sql);

        Assert.True(plan.Count > 0, $"{statement}: no plan");
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    /// <summary>The plan of <paramref name="sql"/> for two names (or run ids), with sequential scans disabled.</summary>
    private async Task<List<string>> ExplainAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
            await off.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand($"EXPLAIN {sql}", connection);
        foreach (var parameter in new[] { "names", "ids" })
            explain.Parameters.Add(new NpgsqlParameter(parameter, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = new[] { "a", "b" } });
        await using var reader = await explain.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync())
            plan.Add(reader.GetString(0));
        return plan;
    }
}
