using System.Text.Json;
using System.Text.Json.Nodes;
using Mastro.Core.Model;
using Mastro.Crawlers.Sources;
using Mastro.Crawlers.Stac;
using Mastro.Crawlers.Tests.Support;
using Mastro.Testing;

namespace Mastro.Crawlers.Tests.Stac;

public sealed class StacSourceTests : IDisposable
{
    private static readonly string LayerCatalog = RepositoryPaths.Fixture("openeo", "creo_layercatalog.json");
    private static readonly string StacFixtures = RepositoryPaths.Fixture("stac");
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static StacSource Source(string root) => new(root, new StacDocuments(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }));

    private static Dictionary<string, Asset> Assets(IEnumerable<CrawlItem> items) =>
        items.OfType<FoundAsset>().ToDictionary(f => f.Asset.Name, f => f.Asset);

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? null : e.GetString());

    [Fact]
    public async Task Every_openeo_layer_becomes_a_dataset_despite_missing_stac_version_and_type()
    {
        var items = await Crawl.ItemsAsync(Source(LayerCatalog));

        Assert.Empty(items.OfType<SkippedItem>());
        var assets = Assets(items);
        Assert.Equal(27, assets.Count);
        Assert.Equal(JsonNode.Parse(await File.ReadAllTextAsync(LayerCatalog))!.AsArray().Select(e => e!["id"]!.GetValue<string>()).Order(), assets.Keys.Order());
        Assert.All(assets.Values, a => Assert.Equal("dataset", a.Type));
    }

    [Fact]
    public async Task A_layer_carries_title_extent_bands_license_providers_and_its_vito_data_source()
    {
        var l2a = Assets(await Crawl.ItemsAsync(Source(LayerCatalog)))["SENTINEL2_L2A"];

        Assert.False(string.IsNullOrWhiteSpace(l2a.Description));
        Assert.False(string.IsNullOrWhiteSpace(l2a.Labels["title"].GetString()));
        // The fixture writes this start as a bare date ("2015-07-04"); the label is RFC 3339.
        var interval = l2a.Labels["extent"].GetProperty("interval")[0];
        Assert.Equal(["2015-07-04T00:00:00Z", null], Strings(interval));
        Assert.Equal(4, l2a.Labels["extent"].GetProperty("bbox")[0].GetArrayLength());
        Assert.Contains("B04", Strings(l2a.Labels["bands"]));
        Assert.Contains("SCL", Strings(l2a.Labels["bands"]));
        Assert.Equal("file-s2", l2a.Labels["data-source"].GetProperty("type").GetString());
        Assert.True(l2a.Labels["providers"].GetArrayLength() > 0);
        Assert.True(l2a.Labels.ContainsKey("license"));
        Assert.NotEmpty(l2a.Tags);
        Assert.False(l2a.Labels.ContainsKey("stac-version"));
    }

    [Fact]
    public async Task Partial_overlay_entries_still_give_a_dataset_with_what_they_have()
    {
        var olci = Assets(await Crawl.ItemsAsync(Source(LayerCatalog)))["SENTINEL3_OLCI_L1B"];

        Assert.Equal("sentinel-hub", olci.Labels["data-source"].GetProperty("type").GetString());
        Assert.True(olci.Labels["bands"].GetArrayLength() > 0);
        Assert.False(olci.Labels.ContainsKey("extent"));
        Assert.Equal("", olci.Description);
    }

    [Fact]
    public async Task Layer_catalog_files_are_merged_by_id_as_the_openeo_driver_merges_them()
    {
        File.Copy(LayerCatalog, _directory.File("1-base.json"));
        await File.WriteAllTextAsync(_directory.File("2-overlay.json"), """
            [{"id": "SENTINEL2_L2A", "title": "Sentinel-2 L2A (local)", "_vito": {"data_source": {"root_path": "/data/s2"}}},
             {"id": "LOCAL_ONLY", "description": "only here", "license": "proprietary"},
             {"description": "no id"}]
            """);

        var items = await Crawl.ItemsAsync(Source(_directory.Path));

        var assets = Assets(items);
        Assert.Equal(28, assets.Count);
        var l2a = assets["SENTINEL2_L2A"];
        Assert.Equal("Sentinel-2 L2A (local)", l2a.Labels["title"].GetString());
        Assert.Equal("/data/s2", l2a.Labels["data-source"].GetProperty("root_path").GetString());
        Assert.Equal("file-s2", l2a.Labels["data-source"].GetProperty("type").GetString());
        var skipped = Assert.Single(items.OfType<SkippedItem>());
        Assert.Equal("layer catalog entry without an id", skipped.Reason);
        Assert.EndsWith("2-overlay.json#[2]", skipped.Origin);
    }

    [Fact]
    public async Task A_stac_directory_gives_its_collection_and_reports_items_and_missing_children()
    {
        var items = await Crawl.ItemsAsync(Source(StacFixtures));

        var collection = Assert.Single(Assets(items)).Value;
        Assert.Equal("simple-collection", collection.Name);
        Assert.Equal("A simple collection demonstrating core catalog fields with links to a couple of items", collection.Description);
        Assert.Equal(["simple", "example", "collection"], collection.Tags);
        Assert.Equal("Simple Example Collection", collection.Labels["title"].GetString());
        Assert.Equal("1.1.0-beta.1", collection.Labels["stac-version"].GetString());
        Assert.Equal("CC-BY-4.0", collection.Labels["license"].GetString());
        Assert.Equal(["2020-12-11T22:38:32.125Z", "2020-12-14T18:02:31.437Z"], Strings(collection.Labels["extent"].GetProperty("interval")[0]));
        Assert.Equal(172.91173669923782, collection.Labels["extent"].GetProperty("bbox")[0][0].GetDouble());
        Assert.Equal(["cool_sat1", "cool_sat2"], Strings(collection.Labels["platform"]));
        Assert.Equal("Remote Data, Inc", collection.Labels["providers"][0].GetProperty("name").GetString());

        var skipped = items.OfType<SkippedItem>().ToList();
        Assert.Single(skipped, s => s.Origin.EndsWith("simple-item.json") && s.Reason.StartsWith("STAC item"));
        // catalog.json links three children that the fixture does not include.
        Assert.Equal(3, skipped.Count(s => s.Origin.Contains("collection-only") || s.Origin.Contains("extensions-collection")));
    }

    [Fact]
    public async Task A_remote_catalog_is_followed_through_its_child_links_over_http()
    {
        Directory.CreateDirectory(_directory.File("sub"));
        File.Copy(Path.Combine(StacFixtures, "collection.json"), _directory.File("sub/collection.json"));
        await File.WriteAllTextAsync(_directory.File("catalog.json"), """
            {"type": "Catalog", "id": "root", "stac_version": "1.0.0", "description": "root",
             "links": [{"rel": "self", "href": "./catalog.json"}, {"rel": "child", "href": "./nested/catalog.json"}]}
            """);
        Directory.CreateDirectory(_directory.File("nested"));
        await File.WriteAllTextAsync(_directory.File("nested/catalog.json"), """
            {"type": "Catalog", "id": "nested", "stac_version": "1.0.0", "description": "nested",
             "links": [{"rel": "parent", "href": "../catalog.json"}, {"rel": "child", "href": "../sub/collection.json"}]}
            """);
        await using var server = await StaticFilePeer.StartAsync(_directory.Path);
        var root = new Uri(server.BaseAddress, "catalog.json").ToString();

        var items = await Crawl.ItemsAsync(Source(root));

        Assert.Empty(items.OfType<SkippedItem>());
        var collection = Assert.Single(Assets(items)).Value;
        Assert.Equal("simple-collection", collection.Name);
        Assert.Equal(new Uri(server.BaseAddress, "sub/collection.json").ToString(), collection.Labels["stac-source"].GetString());
    }

    [Fact]
    public async Task An_unreachable_root_fails_the_run()
    {
        await using var catalogue = await CataloguePeer.StartAsync();
        await using var sink = Crawl.HttpSink(catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(Source(_directory.File("missing.json")), sink);

        Assert.False(report.Succeeded);
        Assert.Contains("missing.json", report.Error);
    }

    [Fact]
    public async Task The_openeo_catalog_reaches_the_catalogue_in_full()
    {
        await using var catalogue = await CataloguePeer.StartAsync();
        await using var sink = Crawl.HttpSink(catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(Source(LayerCatalog), sink, "openeo-layers", batchSize: 10);

        Assert.True(report.Succeeded);
        Assert.Equal(27, report.Sent);
        Assert.Equal(27, catalogue.Assets.Count);
    }
}
