using System.Text.Json;
using Mastro.Crawlers.Config;
using Mastro.Crawlers.Files;
using Mastro.Crawlers.Manifests;
using Mastro.Crawlers.Tests.Support;
using Mastro.Testing;

namespace Mastro.Crawlers.Tests.Local;

public sealed class LocalCrawlerTests : IAsyncLifetime
{
    private readonly TempDirectory _tree = new();
    private CataloguePeer _catalogue = null!;

    public async Task InitializeAsync()
    {
        ManifestTree.Write(_tree.Path, "sales/MANIFEST.yaml", ManifestTree.Valid);
        ManifestTree.Write(_tree.Path, "sales/raw/deeper/MANIFEST.yaml", ManifestTree.Indented);
        ManifestTree.Write(_tree.Path, "broken/MANIFEST.yaml", ManifestTree.Broken);
        ManifestTree.Write(_tree.Path, "untyped/MANIFEST.yaml", ManifestTree.Untyped);
        // Matched by the original's unanchored regex "MANIFEST.yaml"; must not be read here.
        ManifestTree.Write(_tree.Path, "sales/xMANIFESTzyaml.bak", "name: backup-copy\ntype: dataset\n");
        ManifestTree.Write(_tree.Path, "sales/data.csv", "a,b\n1,2\n");
        // Kubernetes ConfigMap mounts keep a second copy of every file under ..data; hidden folders are not entered.
        ManifestTree.Write(_tree.Path, "..data/MANIFEST.yaml", "name: hidden-copy\ntype: dataset\n");
        _catalogue = await CataloguePeer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _catalogue.DisposeAsync();
        _tree.Dispose();
    }

    private ManifestSource Source(string filter = CrawlerSettings.DefaultFilter) =>
        new(new LocalFileTree(_tree.Path, "root"), NameFilter.Parse(filter, "filter-filename"));

    [Fact]
    public async Task Crawls_every_manifest_in_the_tree_and_skips_the_broken_ones_with_their_reason()
    {
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(Source(), sink, crawler: "lake-manifests");

        Assert.True(report.Succeeded, report.Error);
        Assert.Equal(3, report.Found);
        Assert.Equal(2, report.Sent);
        Assert.Empty(report.Failed);
        Assert.Equal(["raw-sales", "sales-daily"], _catalogue.Assets.Select(a => a.Name).Order());

        Assert.Equal(2, report.Skipped.Count);
        var broken = Assert.Single(report.Skipped, s => s.Origin.EndsWith("broken/MANIFEST.yaml"));
        Assert.StartsWith("invalid YAML at line", broken.Reason);
        var untyped = Assert.Single(report.Skipped, s => s.Origin.EndsWith("untyped/MANIFEST.yaml"));
        Assert.Contains("AssetType is empty", untyped.Reason);
    }

    [Fact]
    public async Task Nested_maps_lists_and_timestamps_reach_the_catalogue_intact()
    {
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);

        await Crawl.RunAsync(Source(), sink, crawler: "lake-manifests");

        var sales = _catalogue.Find("sales-daily")!;
        Assert.Equal("dataset", sales.Type);
        Assert.Equal(DateTimeOffset.Parse("2015-08-06T17:52:48Z"), sales.PublishedOn);
        Assert.Equal(["sales", "daily"], sales.Tags);
        Assert.Equal(["raw-sales"], sales.DependsOn);
        var schema = sales.Labels["schema"];
        Assert.Equal("int", schema.GetProperty("store_id").GetProperty("type").GetString());
        Assert.Equal("store key", schema.GetProperty("store_id").GetProperty("comment").GetString());
        Assert.Equal("decimal(10,2)", schema.GetProperty("amount").GetProperty("type").GetString());
        Assert.Equal(["year", "month"], sales.Labels["partitions"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("lake-manifests", sales.Labels["crawler"].GetString());
        Assert.Equal("pos", _catalogue.Find("raw-sales")!.Labels["source"].GetString());
    }

    [Fact]
    public async Task The_filter_is_a_whole_name_so_similar_names_do_not_match_but_globs_do()
    {
        var exact = await Crawl.ItemsAsync(Source());
        Assert.DoesNotContain(exact, i => i.Origin.EndsWith("xMANIFESTzyaml.bak"));
        Assert.DoesNotContain(exact, i => i.Origin.Contains("..data"));

        var glob = await Crawl.ItemsAsync(Source("*MANIFEST*"));
        Assert.Contains(glob, i => i.Origin.EndsWith("xMANIFESTzyaml.bak"));
    }

    [Fact]
    public async Task A_missing_root_fails_the_run_instead_of_reporting_an_empty_success()
    {
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);
        var source = new ManifestSource(new LocalFileTree(Path.Combine(_tree.Path, "nope"), "root"), NameFilter.Parse("MANIFEST.yaml", "f"));

        var report = await Crawl.RunAsync(source, sink);

        Assert.False(report.Succeeded);
        Assert.Contains("does not exist", report.Error);
        Assert.Equal(0, _catalogue.PutCount);
    }

    [Fact]
    public async Task Two_manifests_with_one_name_are_reported_instead_of_silently_overwriting_each_other()
    {
        ManifestTree.Write(_tree.Path, "copy/MANIFEST.yaml", ManifestTree.Valid);
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(Source(), sink);

        var duplicate = Assert.Single(report.Skipped, s => s.Reason.StartsWith("duplicate asset name 'sales-daily'"));
        Assert.Contains("MANIFEST.yaml", duplicate.Reason);
        Assert.Equal(2, report.Sent);
    }

    [Fact]
    public async Task Assets_go_out_in_batches_of_the_configured_size()
    {
        for (var i = 0; i < 7; i++)
            ManifestTree.Write(_tree.Path, $"many/{i}/MANIFEST.yaml", $"name: many-{i}\ntype: dataset\n");
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(Source(), sink, batchSize: 3);

        Assert.Equal(9, report.Sent);
        Assert.Equal([3, 3, 3], _catalogue.StoredBatches.Select(b => b.Count));
    }
}
