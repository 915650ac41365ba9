using Mastro.Crawlers.Config;
using Mastro.Crawlers.Files;
using Mastro.Crawlers.Manifests;
using Mastro.Crawlers.Sources;
using Mastro.Crawlers.Tests.Support;
using Mastro.Testing;

namespace Mastro.Crawlers.Tests.Manifests;

public sealed class ManifestSourceTests : IDisposable
{
    private readonly TempDirectory _tree = new();

    public void Dispose() => _tree.Dispose();

    private ManifestSource Source() => new(new LocalFileTree(_tree.Path, "root"), NameFilter.Parse("MANIFEST.yaml", "f"));

    [Fact]
    public async Task Manifests_read_in_parallel_still_come_out_in_listing_order_with_their_skips_in_place()
    {
        // Large and small manifests alternate, so that later ones finish parsing first.
        for (var i = 0; i < 200; i++)
        {
            var padding = i % 2 == 0 ? new string('p', 200_000) : "";
            ManifestTree.Write(_tree.Path, $"f{i:D3}/MANIFEST.yaml", i % 17 == 5 ? "name: [broken\n" : $"name: asset-{i:D3}\ntype: dataset\ndescription: '{padding}'\n");
        }
        var listed = new List<string>();
        await using (var tree = new LocalFileTree(_tree.Path, "root"))
            await foreach (var entry in tree.ListAsync(CancellationToken.None))
                listed.Add(entry.Path);

        var items = await Crawl.ItemsAsync(Source());

        Assert.Equal(listed, items.Select(i => i.Origin));
        Assert.Equal(12, items.OfType<SkippedItem>().Count());
        Assert.All(items.OfType<FoundAsset>(), found => Assert.EndsWith($"{found.Asset.Name[^3..]}/MANIFEST.yaml", found.Origin));
    }

    [Fact]
    public async Task A_consumer_that_stops_early_stops_the_reads_without_errors()
    {
        for (var i = 0; i < 100; i++)
            ManifestTree.Write(_tree.Path, $"f{i:D3}/MANIFEST.yaml", $"name: asset-{i:D3}\ntype: dataset\n");
        using var stop = new CancellationTokenSource();

        var seen = new List<CrawlItem>();
        await using var source = Source();
        var walk = async () =>
        {
            await foreach (var item in source.CrawlAsync(stop.Token))
            {
                seen.Add(item);
                if (seen.Count == 3) await stop.CancelAsync();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(walk);
        Assert.Equal(["asset-099", "asset-098", "asset-097"], seen.Cast<FoundAsset>().Select(f => f.Asset.Name));
    }
}
