using Mastro.Core.Search;
using Mastro.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Mastro.Storage.Tests;

/// <summary>
/// Statements whose cost on a large catalogue depends on their plan: with sequential scans disabled, PostgreSQL
/// still plans one only where a statement leaves it no index to use. A test database is too small for timings to
/// show a whole-table read (the bench's OpenLineage and search scenarios do); its plan does.
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
        var plan = await ExplainAsync(sql,
            [new("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = new[] { "a", "b" } },
             new("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = new[] { "a", "b" } }]);

        Assert.True(plan.Count > 0, $"{statement}: no plan");
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    /// <summary>
    /// Each match of a search costs a visit to its row, so a search finds them once for its total, its ranked window
    /// and its page alike (docs/PERFORMANCE.md, fix 34): the text index appears once in the plan.
    /// </summary>
    [Fact]
    public async Task A_search_reads_the_text_index_once()
    {
        var filter = SqlFilters.Search(TestData.Query("quarterly figures"));

        var plan = await ExplainAsync(PostgresAssetStore.SearchSql(filter),
            [.. filter.Arguments.Select(argument => argument.ToParameter()),
             new("page_limit", NpgsqlDbType.Integer) { Value = 10 },
             new("page_skip", NpgsqlDbType.Bigint) { Value = SearchQuery.RankedMatches - 5L }]);

        var matchTests = plan.Where(line => line.Contains("@@", StringComparison.Ordinal) &&
            (line.Contains("Index Cond:", StringComparison.Ordinal) || line.Contains("Filter:", StringComparison.Ordinal)));
        Assert.True(matchTests.Count() == 1, string.Join('\n', plan));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    /// <summary>The plan of <paramref name="sql"/> with <paramref name="parameters"/>, with sequential scans disabled.</summary>
    private async Task<List<string>> ExplainAsync(string sql, NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
            await off.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand($"EXPLAIN {sql}", connection);
        explain.Parameters.AddRange(parameters);
        await using var reader = await explain.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync())
            plan.Add(reader.GetString(0));
        return plan;
    }
}
