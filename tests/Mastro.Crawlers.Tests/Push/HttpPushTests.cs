using Mastro.Crawlers.Push;
using Mastro.Crawlers.Tests.Support;
using Mastro.Testing;

namespace Mastro.Crawlers.Tests.Push;

public sealed class HttpPushTests : IAsyncLifetime
{
    private CataloguePeer _catalogue = null!;

    public async Task InitializeAsync() => _catalogue = await CataloguePeer.StartAsync();

    public async Task DisposeAsync() => await _catalogue.DisposeAsync();

    [Fact]
    public async Task A_catalogue_answering_5xx_is_retried_until_it_recovers()
    {
        _catalogue.PutFault = (attempt, _) => attempt <= 2 ? (503, """{"message":"store unavailable","status":503}""") : null;
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(ListSource.Of("a", "b", "c"), sink);

        Assert.True(report.Succeeded);
        Assert.Equal(3, report.Sent);
        Assert.Equal(3, _catalogue.PutCount);
        Assert.Equal(["a", "b", "c"], _catalogue.Assets.Select(a => a.Name));
    }

    [Fact]
    public async Task A_catalogue_that_stays_down_fails_the_run_with_every_asset_accounted_for()
    {
        _catalogue.PutFault = (_, _) => (500, """{"message":"database is on fire","status":500,"error":"internal_server_error"}""");
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(ListSource.Of("a", "b"), sink);

        Assert.False(report.Succeeded);
        Assert.Equal(2, report.Found);
        Assert.Equal(0, report.Sent);
        Assert.All(report.Failed, f => Assert.Contains("HTTP 500: database is on fire", f.Reason));
        Assert.Equal(["a", "b"], report.Failed.Select(f => f.AssetName));
        Assert.Equal(1 + Crawl.FastRetries.Retries, _catalogue.PutCount);
    }

    [Fact]
    public async Task Connection_refused_is_retried_and_then_reported()
    {
        var closedPort = ExternalProcess.FreeTcpPort();
        await using var sink = Crawl.HttpSink(new Uri($"http://127.0.0.1:{closedPort}/assets/"));

        var report = await Crawl.RunAsync(ListSource.Of("a"), sink);

        var failure = Assert.Single(report.Failed);
        Assert.Contains("gave up after retries", failure.Reason);
        Assert.False(report.Succeeded);
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_the_retry_goes_through()
    {
        _catalogue.PutDelay = attempt => attempt == 1 ? TimeSpan.FromSeconds(3) : TimeSpan.Zero;
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint, new RetryPolicy(TimeSpan.FromMilliseconds(500), 2, TimeSpan.FromMilliseconds(10)));

        var report = await Crawl.RunAsync(ListSource.Of("slow"), sink);

        Assert.True(report.Succeeded);
        Assert.Equal(2, _catalogue.PutCount);
        Assert.NotNull(_catalogue.Find("slow"));
    }

    [Fact]
    public async Task A_4xx_is_not_retried_and_only_the_rejected_asset_fails_with_the_catalogue_message()
    {
        _catalogue.PutFault = (_, batch) => batch.Any(a => a.Name == "bad")
            ? (400, """{"message":"item 0: labels too deep","status":400,"error":"bad_request"}""")
            : null;
        await using var sink = Crawl.HttpSink(_catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(ListSource.Of("good-1", "bad", "good-2"), sink);

        var failure = Assert.Single(report.Failed);
        Assert.Equal("bad", failure.AssetName);
        Assert.Equal("HTTP 400: item 0: labels too deep", failure.Reason);
        Assert.Equal(2, report.Sent);
        Assert.Equal(["good-1", "good-2"], _catalogue.Assets.Select(a => a.Name));
        // One batch attempt, then one request per asset: no retries of a 4xx.
        Assert.Equal(4, _catalogue.PutCount);
    }

    [Fact]
    public async Task Assets_are_put_as_a_json_array_on_the_normalised_endpoint()
    {
        var endpoint = new Uri(_catalogue.AssetsEndpoint.ToString().TrimEnd('/'));
        await using var sink = Crawl.HttpSink(Mastro.Crawlers.Config.CatalogueEndpoints.Normalise(endpoint.ToString(), "catalogue-endpoint"));

        var result = await sink.SendAsync([new Mastro.Core.Model.Asset { Name = "x", Type = "table" }], CancellationToken.None);

        Assert.Equal(1, result.Sent);
        Assert.Equal("table", _catalogue.Find("x")!.Type);
    }
}
