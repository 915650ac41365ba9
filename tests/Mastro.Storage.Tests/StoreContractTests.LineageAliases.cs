using System.Text.Json;
using Mastro.Core.Lineage;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>Aliases (other names of an asset) and column lineage.</summary>
public abstract partial class StoreContractTests
{
    private async Task<Dictionary<string, string>> ResolveAsync(params string[] names) =>
        (await Lineage.ResolveAliasesAsync(names, NoCancellation)).ToDictionary();

    [Fact]
    public async Task Aliases_resolve_to_their_asset_and_other_names_to_nothing()
    {
        await RecordAliasesAsync(new AssetAlias("s3://bucket/warehouse/orders", "sales.orders"), new AssetAlias("file:/tmp/orders", "sales.orders"));

        Assert.Equal(
            new Dictionary<string, string> { ["s3://bucket/warehouse/orders"] = "sales.orders", ["file:/tmp/orders"] = "sales.orders" },
            await ResolveAsync("s3://bucket/warehouse/orders", "file:/tmp/orders", "sales.orders", "unknown"));
        Assert.Empty(await ResolveAsync());
    }

    [Fact]
    public async Task An_alias_given_again_points_to_its_latest_asset()
    {
        await RecordAliasesAsync(new AssetAlias("path", "first"));
        await RecordAliasesAsync(new AssetAlias("path", "second"));

        Assert.Equal("second", (await ResolveAsync("path"))["path"]);
    }

    [Fact]
    public async Task Aliases_of_a_name_that_becomes_an_alias_follow_it()
    {
        await RecordAliasesAsync(new AssetAlias("a", "b"));
        await RecordAliasesAsync(new AssetAlias("b", "c"));

        Assert.Equal(new Dictionary<string, string> { ["a"] = "c", ["b"] = "c" }, await ResolveAsync("a", "b", "c"));

        // Pointing back never leaves a name as its own alias.
        await RecordAliasesAsync(new AssetAlias("c", "a"));
        Assert.Equal(new Dictionary<string, string> { ["b"] = "a", ["c"] = "a" }, await ResolveAsync("a", "b", "c"));
    }

    [Fact]
    public async Task Nodes_are_found_by_their_own_name_or_an_alias_and_an_own_name_wins()
    {
        await UpsertAsync(Asset("sales.orders"), Asset("shadowed"), Asset("other"));
        await RecordAliasesAsync(new AssetAlias("s3://bucket/orders", "sales.orders"), new AssetAlias("shadowed", "other"),
            new AssetAlias("dangling", "never.stored"));

        var found = await Lineage.FindNodesAsync(["s3://bucket/orders", "shadowed", "dangling", "unknown"], NoCancellation);

        Assert.Equal(["other", "sales.orders", "shadowed"], found.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.Equal("sales.orders", found.NodeFor("s3://bucket/orders"));
        Assert.Equal("shadowed", found.NodeFor("shadowed"));
        Assert.Null(found.NodeFor("dangling"));
        Assert.Null(found.NodeFor("unknown"));
    }

    [Fact]
    public async Task Dependents_naming_an_alias_are_dependents_of_its_asset()
    {
        await UpsertAsync(
            Asset("sales.orders"), Asset("report") with { DependsOn = ["s3://bucket/orders"] }, Asset("direct") with { DependsOn = ["sales.orders"] },
            Asset("shadowed"), Asset("of_shadowed") with { DependsOn = ["shadowed"] });
        await RecordAliasesAsync(new AssetAlias("s3://bucket/orders", "sales.orders"), new AssetAlias("shadowed", "sales.orders"));

        // An asset's own name wins over an alias of the same text: "shadowed" names that asset, not sales.orders.
        Assert.Equal(["direct", "report"], await DependentsAsync("sales.orders"));
        Assert.Equal(["report"], await DependentsAsync("s3://bucket/orders"));
        Assert.Equal(["of_shadowed"], await DependentsAsync("shadowed"));
    }

    [Fact]
    public async Task Names_no_store_can_hold_match_nothing()
    {
        await UpsertAsync(Asset("orders"));

        Assert.Empty(await ResolveAsync("nul\0name"));
        Assert.Empty((await Lineage.FindNodesAsync(["nul\0name"], NoCancellation)).Nodes);
        Assert.Empty(await Lineage.FindDependentsAsync(["nul\0name"], NoCancellation));
        Assert.Null(await Lineage.FindColumnLineageAsync("nul\0name", NoCancellation));
    }

    [Fact]
    public async Task Column_lineage_is_replaced_by_the_latest_and_read_back_whole()
    {
        var transformations = Json("""[{"type": "DIRECT", "subtype": "IDENTITY", "description": "", "masking": false}]""");
        var first = new ColumnLineage
        {
            Dataset = "db.target",
            Columns = [new ColumnLineageColumn("a", [new ColumnLineageInput("db.source", "hive://metastore:9083", "db.source", "x", transformations)])],
            UpdatedAt = At(0),
        };
        var second = first with
        {
            Columns =
            [
                new ColumnLineageColumn("a", [new ColumnLineageInput("db.source", "hive://metastore:9083", "db.source", "y", transformations)],
                    TransformationDescription: "copy", TransformationType: "IDENTITY"),
                new ColumnLineageColumn("b", []),
            ],
            DatasetDependencies = [new ColumnLineageInput("db.filter", "hive://metastore:9083", "db.filter", "id", Json("[]"))],
            UpdatedAt = At(1),
        };

        await RecordAsync([new LineageRecord(StaticEvent(At(0)), null, [], [first])]);
        await RecordAsync([new LineageRecord(StaticEvent(At(1)), null, [], [second])]);

        var stored = await Lineage.FindColumnLineageAsync("db.target", NoCancellation);
        Assert.NotNull(stored);
        Assert.Equal(["a", "b"], stored.Columns.Select(c => c.Name));
        var input = Assert.Single(stored.Columns[0].Inputs);
        Assert.Equal(("db.source", "hive://metastore:9083", "db.source", "y"), (input.Dataset, input.Namespace, input.Name, input.Field));
        Assert.True(JsonElement.DeepEquals(transformations, input.Transformations));
        Assert.Equal(("copy", "IDENTITY"), (stored.Columns[0].TransformationDescription, stored.Columns[0].TransformationType));
        Assert.Equal("db.filter", Assert.Single(stored.DatasetDependencies).Dataset);
        TestDataAssert.SameInstant(At(1), stored.UpdatedAt);
        Assert.Null(await Lineage.FindColumnLineageAsync("db.other", NoCancellation));
    }
}
