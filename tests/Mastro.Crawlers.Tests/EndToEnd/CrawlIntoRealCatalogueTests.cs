using System.Net;
using System.Text.Json.Nodes;
using Mastro.Testing;

namespace Mastro.Crawlers.Tests.EndToEnd;

/// <summary>
/// The real binaries end to end: <c>mastro serve</c> on an embedded store, then <c>mastro crawl local … --once</c>
/// twice over a manifest tree — assets arrive, and an asset whose manifest disappeared is marked stale.
/// </summary>
public sealed class CrawlIntoRealCatalogueTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private MastroProcess? _server;
    private string _url = "";

    public async Task InitializeAsync()
    {
        var port = ExternalProcess.FreeTcpPort();
        _url = $"http://127.0.0.1:{port}";
        _server = MastroProcess.Start(["serve", "--data", Path.Combine(_directory.Path, "data"), "--port", port.ToString()]);
        await _server.WaitUntilReadyAsync($"{_url}/readyz");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>The original's asset_test.go input: the whole document indented by 4 spaces, a quoted timestamp.</summary>
    private const string OriginalTestManifest = """
            published-on: "2015-08-06T17:52:48Z"
            name: testAsset
            description: test asset
            depends-on:
              - asset1
              - someother
            type: dataset
            labels:
              key1: val1
              key2: val2
            tags:
              - testtag
        """;

    private async Task<(int Code, string Output)> CrawlAsync(string root)
    {
        var (code, stdout, stderr) = await MastroProcess.RunAsync(
            ["crawl", "local", "--root", root, "--catalogue", $"{_url}/assets", "--name", "e2e-crawler", "--once"]);
        return (code, stdout + stderr);
    }

    [Fact]
    public async Task Crawled_manifests_reach_the_catalogue_and_vanished_ones_are_marked_stale()
    {
        var root = Path.Combine(_directory.Path, "lake");
        Directory.CreateDirectory(Path.Combine(root, "a"));
        Directory.CreateDirectory(Path.Combine(root, "b"));
        await File.WriteAllTextAsync(Path.Combine(root, "a", "MANIFEST.yaml"), OriginalTestManifest);
        await File.WriteAllTextAsync(Path.Combine(root, "b", "MANIFEST.yaml"), "name: orders\ntype: table\nlabels:\n  schema:\n    - {name: id, type: bigint}\n");
        await File.WriteAllTextAsync(Path.Combine(root, "b", "xMANIFESTzyaml.bak"), "name: not-a-manifest\ntype: table\n");

        var first = await CrawlAsync(root);

        Assert.True(first.Code == 0, first.Output);
        using var http = new HttpClient { BaseAddress = new Uri(_url) };
        var asset = JsonNode.Parse(await http.GetStringAsync("/asset/name/testAsset"))!;
        Assert.Equal("2015-08-06T17:52:48Z", (string)asset["published-on"]!);
        Assert.Equal(["asset1", "someother"], asset["depends-on"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("val1", (string)asset["labels"]!["key1"]!);
        Assert.Equal("e2e-crawler", (string)asset["labels"]!["crawler"]!);
        Assert.Equal("bigint", (string)JsonNode.Parse(await http.GetStringAsync("/asset/name/orders"))!["labels"]!["schema"]![0]!["type"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/asset/name/not-a-manifest")).StatusCode);
        Assert.Null(asset["labels"]!["stale"]);

        File.Delete(Path.Combine(root, "b", "MANIFEST.yaml"));
        var second = await CrawlAsync(root);

        Assert.True(second.Code == 0, second.Output);
        var stale = JsonNode.Parse(await http.GetStringAsync("/asset/name/orders"))!["labels"]!["stale"];
        Assert.NotNull(stale);
        Assert.Equal("e2e-crawler", (string)stale!["crawler"]!);
        Assert.Null(JsonNode.Parse(await http.GetStringAsync("/asset/name/testAsset"))!["labels"]!["stale"]);
    }

    [Fact]
    public async Task A_crawl_against_a_catalogue_that_is_down_fails_with_exit_code_1()
    {
        var root = Path.Combine(_directory.Path, "down");
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "MANIFEST.yaml"), "name: x\ntype: table\n");
        var closedPort = ExternalProcess.FreeTcpPort();

        var (code, stdout, stderr) = await MastroProcess.RunAsync(
            ["crawl", "local", "--root", root, "--catalogue", $"http://127.0.0.1:{closedPort}/assets/", "--once"],
            timeout: TimeSpan.FromMinutes(3));

        Assert.True(code == 1, stdout + stderr);
    }
}
