using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Storage;
using Mastro.Core.Validation;
using Mastro.Storage.Postgres;

namespace Mastro.Storage.Tests;

/// <summary>
/// PostgreSQL text and jsonb cannot hold a NUL character: writing one is a validation error (not a server
/// error), and looking one up simply finds nothing.
/// </summary>
public sealed class PostgresTextTests : MigratedPostgresStoreTests
{
    [Fact]
    public async Task An_asset_with_a_nul_character_is_rejected_and_nothing_of_its_batch_is_stored()
    {
        var batch = new[] { PostgresTestDatabase.Asset("fine"), PostgresTestDatabase.Asset("broken", "before\0after") };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Store.Assets.UpsertAsync(batch, CancellationToken.None));

        Assert.Contains("NUL", error.Message);
        Assert.Empty((await Store.Assets.ListAsync(PageRequest.First, CancellationToken.None)).Data);
    }

    [Fact]
    public async Task A_label_with_a_nul_character_is_rejected()
    {
        var set = new FeatureSet { Name = "fs", Version = "v1", Labels = new Dictionary<string, string> { ["k"] = "a\0b" } };

        await Assert.ThrowsAsync<ValidationFailedException>(() => Store.FeatureSets.InsertAsync(set, CancellationToken.None));

        Assert.Empty((await Store.FeatureSets.ListAsync(PageRequest.First, CancellationToken.None)).Data);
    }

    [Fact]
    public async Task Lookups_with_a_nul_character_find_nothing()
    {
        await Store.Assets.UpsertAsync([PostgresTestDatabase.Asset("orders")], CancellationToken.None);
        var labels = new LabelFilter(new Dictionary<string, IReadOnlyList<string>> { ["k\0"] = ["v"] });

        Assert.Null(await Store.Assets.FindAsync("orders\0", CancellationToken.None));
        Assert.Empty((await Store.Assets.FindByTagsAsync(["raw\0"], PageRequest.First, CancellationToken.None)).Data);
        Assert.Empty((await Store.Assets.FindByLabelsAsync(labels, PageRequest.First, CancellationToken.None)).Data);
        Assert.Empty((await Store.FeatureSets.FindByNameAsync("fs\0", PageRequest.First, CancellationToken.None)).Data);
        Assert.Null(await Store.MetricSets.FindByIdAsync("0123\0", CancellationToken.None));
    }
}
