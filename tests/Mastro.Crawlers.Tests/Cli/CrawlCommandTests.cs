using Mastro.Cli.Commands;
using Mastro.Core.Config;
using Mastro.Crawlers.Tests.Support;
using Mastro.Testing;

namespace Mastro.Crawlers.Tests.Cli;

public sealed class CrawlCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private CataloguePeer _catalogue = null!;

    public async Task InitializeAsync()
    {
        ManifestTree.Write(_directory.Path, "tree/a/MANIFEST.yaml", ManifestTree.Valid);
        ManifestTree.Write(_directory.Path, "tree/b/MANIFEST.yaml", ManifestTree.Indented);
        _catalogue = await CataloguePeer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _catalogue.DisposeAsync();
        _directory.Dispose();
    }

    private string Config(string endpoint, string extra = "") => $"""
        type: crawler
        backend:
          name: cli-test
          type: local
          crawler:
            root: {_directory.File("tree")}
            catalogue-endpoint: {endpoint}
            retries: 1
            retry-delay: 10ms
        {extra}
        """;

    private static MastroConfig Load(string yaml) => ConfigLoader.Parse(yaml, "test.yml", _ => null);

    [Fact]
    public async Task Once_exits_0_after_a_successful_run()
    {
        var exit = await CrawlCommand.RunAsync(Load(Config(_catalogue.AssetsEndpoint.ToString())), once: true, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Equal(["raw-sales", "sales-daily"], _catalogue.Assets.Select(a => a.Name).Order());
    }

    [Fact]
    public async Task Once_overrides_a_schedule_so_the_process_ends()
    {
        var yaml = Config(_catalogue.AssetsEndpoint.ToString()) .Replace("    retries: 1", "    retries: 1\n    schedule: '*/5 * * * *'");

        var run = CrawlCommand.RunAsync(Load(yaml), once: true, CancellationToken.None);

        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal(0, await run);
    }

    [Fact]
    public async Task A_config_without_a_schedule_runs_once_and_exits()
    {
        var exit = await CrawlCommand.RunAsync(Load(Config(_catalogue.AssetsEndpoint.ToString())), once: false, CancellationToken.None);
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task Exits_1_when_the_catalogue_cannot_take_the_assets()
    {
        var closed = $"http://127.0.0.1:{ExternalProcess.FreeTcpPort()}/assets/";

        var exit = await CrawlCommand.RunAsync(Load(Config(closed)), once: true, CancellationToken.None);

        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task Exits_2_on_a_config_error_before_crawling()
    {
        var exit = await CrawlCommand.RunAsync(Load(Config("ftp://nowhere/assets/")), once: true, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Equal(0, _catalogue.PutCount);
    }

    [Fact]
    public async Task The_config_file_option_and_flag_only_use_both_work()
    {
        var file = _directory.File("crawler.yml");
        await File.WriteAllTextAsync(file, Config(_catalogue.AssetsEndpoint.ToString()));

        Assert.Equal(0, await CrawlCommand.Create().Parse(["--config", file, "--once"]).InvokeAsync());
        Assert.Equal(0, await CrawlCommand.Create().Parse(
            ["local", "--root", _directory.File("tree"), "--catalogue", _catalogue.AssetsEndpoint.ToString().TrimEnd('/'), "--name", "flags", "--once"]).InvokeAsync());

        Assert.Equal("flags", _catalogue.Find("sales-daily")!.Labels["crawler"].GetString());
    }

    [Fact]
    public async Task Flag_only_use_reports_config_errors_with_exit_code_2()
    {
        Assert.Equal(2, await CrawlCommand.Create().Parse(["local", "--catalogue", "http://c/assets/", "--once"]).InvokeAsync());
        Assert.Equal(2, await CrawlCommand.Create().Parse(["local", "--root", "/x", "--catalogue", "http://c/assets/", "--schedule", "* * *"]).InvokeAsync());
    }
}
