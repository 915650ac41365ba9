using Mastro.Crawlers.Tests.Support;
using Mastro.Testing;

namespace Mastro.Crawlers.Tests.Cli;

/// <summary>The real <c>mastro</c> binary as a Kubernetes Job/CronJob or Deployment runs it.</summary>
public sealed class CrawlProcessTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private CataloguePeer _catalogue = null!;

    public async Task InitializeAsync()
    {
        ManifestTree.Write(_directory.Path, "tree/a/MANIFEST.yaml", ManifestTree.Valid);
        _catalogue = await CataloguePeer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _catalogue.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<string> ConfigAsync(string schedule)
    {
        var path = _directory.File("crawler.yml");
        await File.WriteAllTextAsync(path, $"""
            type: crawler
            backend:
              name: process-test
              type: local
              crawler:
                root: {_directory.File("tree")}
                catalogue-endpoint: {_catalogue.AssetsEndpoint}
            {schedule}
            """);
        return path;
    }

    [Fact]
    public async Task A_one_shot_config_from_MASTRO_CONFIG_exits_0_and_logs_json_lines_with_the_counts()
    {
        var config = await ConfigAsync("");

        var (exit, stdout, stderr) = await MastroProcess.RunAsync(["crawl"], new Dictionary<string, string?> { ["MASTRO_CONFIG"] = config });

        Assert.True(exit == 0, stderr + stdout);
        var summary = stdout.Split('\n').Single(line => line.Contains("\"Outcome\":\"succeeded\""));
        Assert.StartsWith("{", summary);
        Assert.Contains("\"Found\":1", summary);
        Assert.Contains("\"Sent\":1", summary);
        Assert.NotNull(_catalogue.Find("sales-daily"));
    }

    [Fact]
    public async Task A_scheduled_crawler_stops_cleanly_on_sigterm()
    {
        var config = await ConfigAsync("    schedule: '@every 1h'\n    start-now: true");
        await using var process = MastroProcess.Start(["crawl", "--config", config]);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_catalogue.PutCount == 0 && DateTime.UtcNow < deadline && !process.HasExited)
            await Task.Delay(100);
        Assert.True(_catalogue.PutCount > 0, process.StandardOutput + process.StandardError);
        Assert.False(process.HasExited);

        await ExternalProcess.RunAsync("kill", ["-TERM", process.Id.ToString()]);

        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.Contains("crawler stopped", process.StandardOutput);
    }
}
