using System.Text.Json;
using Mastro.Core.Model;
using Mastro.Crawlers.Push;
using Mastro.Crawlers.Tests.Support;

namespace Mastro.Crawlers.Tests.Push;

public sealed class StaleMarkingTests : IAsyncLifetime
{
    private CataloguePeer _catalogue = null!;

    public async Task InitializeAsync() => _catalogue = await CataloguePeer.StartAsync();

    public async Task DisposeAsync() => await _catalogue.DisposeAsync();

    private static Asset Crawled(string name, string crawler) =>
        CrawlerLabels.Stamp(new Asset { Name = name, Type = "dataset" }, crawler);

    [Fact]
    public async Task Assets_this_crawler_no_longer_finds_are_labelled_stale_with_when_they_were_last_seen()
    {
        _catalogue.Now = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        _catalogue.Seed(Crawled("kept", "lake"), Crawled("gone", "lake"), Crawled("other-crawlers", "warehouse"),
            new Asset { Name = "hand-made", Type = "report" });
        _catalogue.Now = DateTimeOffset.Parse("2026-02-01T00:00:00Z");
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(ListSource.Of("kept", "new"), sink, crawler: "lake");

        Assert.Equal(1, report.MarkedStale);
        var stale = _catalogue.Find("gone")!.Labels["stale"];
        Assert.Equal("2026-01-01T00:00:00Z", stale.GetProperty("last-seen-at").GetString());
        Assert.Equal("lake", stale.GetProperty("crawler").GetString());
        Assert.Equal("lake", _catalogue.Find("gone")!.Labels["crawler"].GetString());
        Assert.False(_catalogue.Find("kept")!.Labels.ContainsKey("stale"));
        Assert.False(_catalogue.Find("other-crawlers")!.Labels.ContainsKey("stale"));
        Assert.False(_catalogue.Find("hand-made")!.Labels.ContainsKey("stale"));
    }

    [Fact]
    public async Task An_asset_found_again_loses_its_stale_label_and_a_marked_one_is_not_marked_twice()
    {
        _catalogue.Seed(Crawled("comes-back", "lake"), Crawled("gone", "lake"));
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);
        await Crawl.RunAsync(ListSource.Of(), sink, crawler: "lake");
        Assert.True(_catalogue.Find("comes-back")!.Labels.ContainsKey("stale"));
        var putsAfterFirstRun = _catalogue.PutCount;

        var second = await Crawl.RunAsync(ListSource.Of("comes-back"), sink, crawler: "lake");

        Assert.Equal(0, second.MarkedStale);
        Assert.False(_catalogue.Find("comes-back")!.Labels.ContainsKey("stale"));
        Assert.True(_catalogue.Find("gone")!.Labels.ContainsKey("stale"));
        Assert.Equal(putsAfterFirstRun + 1, _catalogue.PutCount);
    }

    [Fact]
    public async Task Stale_marking_pages_through_more_assets_than_one_query_page()
    {
        var many = Enumerable.Range(0, HttpAssetSink.QueryPageSize + 5).Select(i => Crawled($"old-{i}", "lake")).ToArray();
        _catalogue.Seed(many);
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(ListSource.Of("old-3"), sink, crawler: "lake", batchSize: 500);

        Assert.Equal(many.Length - 1, report.MarkedStale);
        Assert.Equal(many.Length - 1, _catalogue.Assets.Count(a => a.Labels.ContainsKey("stale")));
    }

    [Fact]
    public async Task A_run_with_failures_marks_nothing_stale()
    {
        _catalogue.Seed(Crawled("gone", "lake"));
        _catalogue.PutFault = (_, batch) => batch.Any(a => a.Name == "rejected") ? (400, """{"message":"no"}""") : null;
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(ListSource.Of("rejected"), sink, crawler: "lake");

        Assert.False(report.Succeeded);
        Assert.Equal(0, report.MarkedStale);
        Assert.False(_catalogue.Find("gone")!.Labels.ContainsKey("stale"));
    }

    [Fact]
    public async Task Stale_marks_answered_with_something_other_than_assets_are_reported_with_the_reason()
    {
        _catalogue.Seed(Crawled("gone", "lake"));
        _catalogue.PutFault = (_, batch) => batch.Any(a => a.Name == "gone") ? (200, "<html>a proxy's page</html>") : null;
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(ListSource.Of("kept"), sink, crawler: "lake");

        Assert.True(report.Succeeded);
        Assert.Equal(0, report.MarkedStale);
        Assert.Contains("not a JSON array of assets", report.StaleError);
    }

    [Fact]
    public async Task Without_the_label_query_route_the_crawl_succeeds_and_stale_marking_is_reported_incomplete()
    {
        _catalogue.Seed(Crawled("gone", "lake"));
        _catalogue.ServesLabelQueries = false;
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(ListSource.Of("kept"), sink, crawler: "lake");

        Assert.True(report.Succeeded);
        Assert.Equal(1, report.Sent);
        Assert.Contains("has no POST /assets/labels", report.StaleError);
        Assert.False(_catalogue.Find("gone")!.Labels.ContainsKey("stale"));
    }

    [Fact]
    public async Task A_label_named_crawler_or_stale_in_a_manifest_is_replaced_by_the_crawlers_own()
    {
        var asset = new Asset
        {
            Name = "x", Type = "dataset",
            Labels = new Dictionary<string, JsonElement>
            {
                ["crawler"] = JsonDocument.Parse("\"someone-else\"").RootElement,
                ["stale"] = JsonDocument.Parse("{}").RootElement,
                ["team"] = JsonDocument.Parse("\"geo\"").RootElement,
            },
        };

        var stamped = CrawlerLabels.Stamp(asset, "lake");

        Assert.Equal("lake", stamped.Labels["crawler"].GetString());
        Assert.False(stamped.Labels.ContainsKey("stale"));
        Assert.Equal("geo", stamped.Labels["team"].GetString());
    }
}
