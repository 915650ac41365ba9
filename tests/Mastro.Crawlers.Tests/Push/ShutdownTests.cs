using Mastro.Crawlers.Tests.Support;

namespace Mastro.Crawlers.Tests.Push;

public sealed class ShutdownTests
{
    [Fact]
    public async Task A_stop_request_ends_the_walk_sends_what_was_collected_and_reports_the_run_as_cancelled()
    {
        await using var catalogue = await CataloguePeer.StartAsync();
        await using var sink = Crawl.HttpSink(catalogue.AssetsEndpoint);
        var names = Enumerable.Range(0, 100).Select(i => $"slow-{i}").ToArray();
        var source = new ListSource(ListSource.Of(names).Items, TimeSpan.FromMilliseconds(20));
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var report = await Crawl.RunAsync(source, sink, batchSize: 5, cancellationToken: stop.Token);

        Assert.True(report.Cancelled);
        Assert.False(report.Succeeded);
        Assert.InRange(report.Found, 1, 99);
        // Everything found before the stop was sent, including the last, partial batch.
        Assert.Equal(report.Found, report.Sent);
        Assert.Equal(report.Found, catalogue.Assets.Count);
        Assert.Equal(0, report.MarkedStale);
    }
}
