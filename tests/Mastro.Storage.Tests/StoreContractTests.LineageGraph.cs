using Mastro.Core.Model;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>The dependency queries the lineage graph walks, over depends-on however it was written.</summary>
public abstract partial class StoreContractTests
{
    private async Task<string[]> DependentsAsync(params string[] names) =>
        (await Lineage.FindDependentsAsync(names, NoCancellation)).Select(n => n.Name).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Nodes_carry_what_the_graph_shows_and_their_dependencies()
    {
        var asset = FullAsset("warehouse.orders");
        await UpsertAsync(asset, Asset("customers"));

        var nodes = (await Lineage.FindNodesAsync(["warehouse.orders", "customers", "missing"], NoCancellation)).Nodes;

        Assert.Equal(["customers", "warehouse.orders"], nodes.Select(n => n.Name).Order(StringComparer.Ordinal));
        var orders = nodes.Single(n => n.Name == "warehouse.orders");
        Assert.Equal((asset.Type, asset.Description), (orders.Type, orders.Description));
        Assert.Equal(asset.Tags, orders.Tags);
        Assert.Equal(asset.DependsOn, orders.DependsOn);
        TestDataAssert.SameInstant(asset.LastDiscoveredAt, orders.LastDiscoveredAt);
        Assert.Empty((await Lineage.FindNodesAsync([], NoCancellation)).Nodes);
    }

    [Fact]
    public async Task Dependents_are_the_assets_whose_depends_on_names_any_given_name()
    {
        await UpsertAsync(
            Asset("job") with { DependsOn = ["raw", "customers"] },
            Asset("report") with { DependsOn = ["job"] },
            Asset("other") with { DependsOn = ["customers"] },
            Asset("raw"));

        Assert.Equal(["job"], await DependentsAsync("raw"));
        Assert.Equal(["job", "other"], await DependentsAsync("customers"));
        Assert.Equal(["job", "report"], await DependentsAsync("raw", "job"));
        Assert.Empty(await DependentsAsync("report"));
        Assert.Empty(await DependentsAsync());
    }

    [Fact]
    public async Task Dependents_follow_every_rewrite_of_depends_on()
    {
        await UpsertAsync(Asset("job") with { DependsOn = ["old_input"] });
        await UpsertAsync(Asset("job") with { DependsOn = ["new_input"] });
        await Store.Assets.UpsertAsync([Asset("second") with { DependsOn = ["new_input"] }, Asset("second") with { DependsOn = ["old_input"] }], NoCancellation);

        Assert.Equal(["second"], await DependentsAsync("old_input"));
        Assert.Equal(["job"], await DependentsAsync("new_input"));

        Assert.True(await Store.Assets.DeleteAsync("job", NoCancellation));
        Assert.Empty(await DependentsAsync("new_input"));
    }

    [Fact]
    public async Task Dependents_of_many_names_come_in_one_answer()
    {
        var assets = Enumerable.Range(0, 300)
            .Select(i => Asset($"derived{i:D3}") with { DependsOn = [$"source{i % 100:D3}"] })
            .ToArray<Asset>();
        await UpsertAsync(assets);

        var dependents = await DependentsAsync(Enumerable.Range(0, 50).Select(i => $"source{i:D3}").ToArray());

        Assert.Equal(150, dependents.Length);
        Assert.All(dependents, name => Assert.True(int.Parse(name["derived".Length..]) % 100 < 50));
    }
}
