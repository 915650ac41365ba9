using System.Text;
using Amazon.S3;
using Mastro.Core.Config;
using Mastro.Crawlers.Config;
using Mastro.Crawlers.Sources;
using Mastro.Crawlers.Tests.SparkLogs;
using Mastro.Crawlers.Tests.Support;
using Mastro.Testing;

namespace Mastro.Crawlers.Tests.S3;

/// <summary>The s3 and sparklog crawlers against a real S3 server (s3rver).</summary>
public sealed class S3CrawlerTests : IAsyncLifetime
{
    private const int ManyManifests = 1005; // more than one ListObjectsV2 page (1000 keys)
    private S3Server _server = null!;
    private IAmazonS3 _client = null!;
    private string _bucket = "";
    private CataloguePeer _catalogue = null!;

    public async Task InitializeAsync()
    {
        _server = await S3Server.GetAsync();
        _client = _server.CreateClient();
        _bucket = await _server.CreateBucketAsync("crawl");
        _catalogue = await CataloguePeer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _catalogue.DisposeAsync();
    }

    private Task PutAsync(string key, string content) => S3Server.PutAsync(_client, _bucket, key, Encoding.UTF8.GetBytes(content));

    private CrawlerSettings Settings(string type, string root, string bucketLine) => CrawlerSettings.From(ConfigLoader.Parse($"""
        type: crawler
        backend:
          name: s3-test
          type: {type}
          crawler:
            root: "{root}"
            catalogue-endpoint: {_catalogue.AssetsEndpoint}
          settings:
            endpoint: {_server.Endpoint}
            use-ssl: false
            access-key-id: ${"{"}S3_ACCESS_KEY{"}"}
            secret-access-key: ${"{"}S3_SECRET_KEY{"}"}
        {bucketLine}
        """, "test.yml", name => name switch { "S3_ACCESS_KEY" => S3Server.AccessKey, "S3_SECRET_KEY" => S3Server.SecretKey, _ => null }),
        DateTimeOffset.UtcNow);

    [Fact]
    public async Task Crawls_manifests_under_the_root_prefix_of_the_configured_bucket_across_listing_pages()
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, ManyManifests), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => await PutAsync($"lake/many/{i:D4}/MANIFEST.yaml", $"name: many-{i:D4}\ntype: dataset\n"));
        await PutAsync("lake/sales/MANIFEST.yaml", ManifestTree.Valid);
        await PutAsync("lake/sales/xMANIFESTzyaml.bak", "name: backup\ntype: dataset\n");
        await PutAsync("lake/zz-broken/MANIFEST.yaml", ManifestTree.Broken);
        await PutAsync("lakehouse/MANIFEST.yaml", "name: other-prefix\ntype: dataset\n");
        await PutAsync("MANIFEST.yaml", "name: bucket-root\ntype: dataset\n");
        var settings = Settings("s3", "lake", $"    bucket: {_bucket}");
        await using var source = CrawlSourceFactory.Prepare(settings)();
        await using var sink = Crawl.HttpSink(settings.CatalogueEndpoint!);

        var report = await Crawl.RunAsync(source, sink, settings.Name, batchSize: 250);

        Assert.Equal(ManyManifests + 1, report.Sent);
        var skipped = Assert.Single(report.Skipped);
        Assert.Equal("lake/zz-broken/MANIFEST.yaml", skipped.Origin);
        Assert.StartsWith("invalid YAML", skipped.Reason);
        Assert.NotNull(_catalogue.Find("many-1004"));
        Assert.Equal("data-team", _catalogue.Find("sales-daily")!.Labels["owner"].GetString());
        Assert.Null(_catalogue.Find("backup"));
        Assert.Null(_catalogue.Find("other-prefix"));
        Assert.Null(_catalogue.Find("bucket-root"));
    }

    [Fact]
    public async Task An_empty_root_crawls_the_whole_bucket_as_the_seeds_example_intends()
    {
        await PutAsync("MANIFEST.yaml", "name: at-the-top\ntype: dataset\n");
        await PutAsync("a/b/MANIFEST.yaml", "name: deep-down\ntype: table\n");
        var settings = Settings("s3", "", $"    bucket: {_bucket}");
        await using var source = CrawlSourceFactory.Prepare(settings)();
        await using var sink = Crawl.HttpSink(settings.CatalogueEndpoint!);

        var report = await Crawl.RunAsync(source, sink, settings.Name);

        Assert.True(report.Succeeded);
        Assert.Equal(["at-the-top", "deep-down"], _catalogue.Assets.Select(a => a.Name).Order());
    }

    [Fact]
    public async Task A_missing_bucket_fails_the_run_with_the_reason()
    {
        var settings = Settings("s3", "", "    bucket: no-such-bucket-here");
        await using var source = CrawlSourceFactory.Prepare(settings)();
        await using var sink = Crawl.HttpSink(settings.CatalogueEndpoint!);

        var report = await Crawl.RunAsync(source, sink, settings.Name);

        Assert.False(report.Succeeded);
        Assert.Contains("bucket", report.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_bucket_must_be_configured_unless_the_root_is_an_s3_uri()
    {
        var error = Assert.Throws<ConfigException>(() => CrawlSourceFactory.Prepare(Settings("s3", "lake", "")));
        Assert.StartsWith("backend.settings.bucket: missing", error.Message);

        CrawlSourceFactory.Prepare(Settings("s3", $"s3://{_bucket}/lake", ""));
        var conflict = Assert.Throws<ConfigException>(() => CrawlSourceFactory.Prepare(Settings("s3", $"s3a://{_bucket}/lake", "    bucket: other")));
        Assert.Contains("differs from the bucket", conflict.Message);
    }

    [Fact]
    public async Task Spark_event_logs_are_read_from_an_s3a_prefix_including_zstd_and_rolling_logs()
    {
        await PutAsync("history/" + SparkLogFixtures.DatasetApp, await File.ReadAllTextAsync(SparkLogFixtures.Plain("dataset_eventlog")));
        await S3Server.PutAsync(_client, _bucket, $"history/{SparkLogFixtures.CreateTableApp}.zstd",
            await File.ReadAllBytesAsync(SparkLogFixtures.Plain("createdatasourcetable_eventlog.zstd")));
        using (var local = new TempDirectory())
        {
            var rolling = await SparkLogFixtures.RollingAsync(local.Path, "writeformat_eventlog", SparkLogFixtures.WriteFormatApp, parts: 2);
            foreach (var file in Directory.GetFiles(rolling))
                await S3Server.PutAsync(_client, _bucket, $"history/{Path.GetFileName(rolling)}/{Path.GetFileName(file)}", await File.ReadAllBytesAsync(file));
        }
        await PutAsync("other/local-999", "{}");
        var settings = Settings("sparklog", $"s3a://{_bucket}/history", "");
        await using var source = CrawlSourceFactory.Prepare(settings)();
        await using var sink = Crawl.HttpSink(settings.CatalogueEndpoint!);

        var report = await Crawl.RunAsync(source, sink, settings.Name);

        Assert.True(report.Succeeded, report.Error);
        Assert.Empty(report.Skipped);
        var pipelines = _catalogue.Assets.Where(a => a.Type == "pipeline").Select(a => a.Name).Order();
        Assert.Equal([SparkLogFixtures.WriteFormatApp, SparkLogFixtures.DatasetApp, SparkLogFixtures.CreateTableApp], pipelines);
        Assert.Equal($"history/eventlog_v2_{SparkLogFixtures.WriteFormatApp}",
            _catalogue.Find(SparkLogFixtures.WriteFormatApp)!.Labels["event-log"].GetString());
        Assert.Equal([SparkLogFixtures.CreateTableApp], _catalogue.Find("default.tmppartable")!.DependsOn);
    }
}
