using Mastro.Core.Model;
using Mastro.Storage.Postgres;

namespace Mastro.Storage.Tests;

/// <summary>
/// The <c>asset_dependencies</c> reverse index, kept by statement-level triggers on <c>assets</c>: after any mix of
/// bulk inserts, updates, deletes and truncation — through the store or by other writers — it holds exactly
/// the (dependency, asset) pairs of the stored assets' <c>depends_on</c>.
/// </summary>
public sealed class PostgresDependencyIndexTests : MigratedPostgresStoreTests
{
    /// <summary>Pairs the index lacks plus pairs it holds for no asset: zero when it is exact.</summary>
    private const string Mismatches = """
        SELECT count(*)::int FROM (
            (SELECT DISTINCT dependency.name, a.id FROM assets a, jsonb_array_elements_text(a.depends_on) AS dependency(name)
             EXCEPT SELECT depends_on, asset_id FROM asset_dependencies)
            UNION ALL
            (SELECT depends_on, asset_id FROM asset_dependencies
             EXCEPT SELECT DISTINCT dependency.name, a.id FROM assets a, jsonb_array_elements_text(a.depends_on) AS dependency(name))
        ) AS mismatch
        """;

    [Fact]
    public async Task Bulk_upserts_and_deletes_keep_the_index_exact()
    {
        var first = Enumerable.Range(0, 300).Select(i => Dependent(i, $"source_{i % 7}", $"source_{i % 11}")).ToList();
        await Store.Assets.UpsertAsync(first, CancellationToken.None);
        Assert.Equal(first.Sum(asset => asset.DependsOn.Distinct().Count()), await PairCountAsync());
        Assert.Equal(0, await MismatchesAsync());

        // One batch: a third change their dependencies, a third keep them, a third are new.
        var batch = Enumerable.Range(100, 300)
            .Select(i => i < 200 ? Dependent(i, "source_x", "source_x") : Dependent(i, $"source_{i % 7}", $"source_{i % 11}"))
            .ToList();
        await Store.Assets.UpsertAsync(batch, CancellationToken.None);
        Assert.Equal(0, await MismatchesAsync());
        Assert.Equal(100, (await Database.QueryAsync<long>("SELECT count(*) FROM asset_dependencies WHERE depends_on = 'source_x'")).Single());

        Assert.True(await Store.Assets.DeleteAsync("dependent_150", CancellationToken.None));
        Assert.Equal(99, (await Database.QueryAsync<long>("SELECT count(*) FROM asset_dependencies WHERE depends_on = 'source_x'")).Single());
        Assert.Equal(0, await MismatchesAsync());
    }

    [Fact]
    public async Task Writes_by_other_writers_and_truncation_keep_the_index_exact()
    {
        await Store.Assets.UpsertAsync(Enumerable.Range(0, 50).Select(i => Dependent(i, $"source_{i % 3}")).ToList(), CancellationToken.None);

        await Database.ExecuteAsync("UPDATE assets SET depends_on = '[\"elsewhere\", \"elsewhere\"]' WHERE id % 2 = 0");
        await Database.ExecuteAsync("UPDATE assets SET description = 'touched' WHERE id % 3 = 0");
        await Database.ExecuteAsync("DELETE FROM assets WHERE id % 5 = 0");
        Assert.Equal(0, await MismatchesAsync());
        Assert.NotEqual(0L, (await Database.QueryAsync<long>("SELECT count(*) FROM asset_dependencies WHERE depends_on = 'elsewhere'")).Single());

        await Database.ExecuteAsync("TRUNCATE assets");
        Assert.Equal(0, await PairCountAsync());
    }

    private static Asset Dependent(int i, params string[] dependsOn) =>
        PostgresTestDatabase.Asset($"dependent_{i:D3}") with { DependsOn = dependsOn };

    private async Task<int> MismatchesAsync() => (await Database.QueryAsync<int>(Mismatches)).Single();

    private async Task<int> PairCountAsync() =>
        (await Database.QueryAsync<int>("SELECT count(*)::int FROM asset_dependencies")).Single();
}
