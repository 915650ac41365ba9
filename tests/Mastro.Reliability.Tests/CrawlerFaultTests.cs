using System.Text;
using System.Text.Json.Nodes;
using Mastro.Crawlers.Tests.Hive;
using Mastro.Reliability.Tests.Support;
using Mastro.Testing;

namespace Mastro.Reliability.Tests;

/// <summary>
/// Guarantee 5: the real crawler binary (<c>mastro crawl --once</c>) against a real catalogue while things break —
/// the catalogue goes away for part of a crawl or for good, the source (S3 server, metastore database) goes away in
/// the middle of the walk, manifests and event logs are corrupt. It retries, reports, exits with the right code,
/// marks nothing stale after a broken run, and no asset it found is lost once the catalogue is back.
/// </summary>
public sealed class CrawlerFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Manifests = 300;
    private const int BatchSize = 20;
    /// <summary>The application id in the fixture <c>spark-eventlogs/dataset_eventlog</c>.</summary>
    private const string DatasetLogApplication = "local-1651187225439";
    private const string BrokenLineApplication = "local-1651187225439-broken-line";

    private readonly TempDirectory _directory = new();
    private ServerUnderTest _catalogue = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _catalogue = await ServerUnderTest.StartAsync(StoreKind.Sqlite, _directory);
        _http = _catalogue.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _catalogue.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_catalogue_outage_in_the_middle_of_a_crawl_is_bridged_by_retries_and_loses_no_asset()
    {
        var root = WriteManifests("bridged", Manifests);
        await using var proxy = FaultProxy.Start(new Uri(_catalogue.Url).Port);
        var outage = TimeSpan.FromSeconds(2);
        proxy.CutAfter(bytes: 30_000, restoreAfter: outage);

        var run = await CrawlRun.RunAsync(Config("bridged", "local", root, proxy.Port, retries: 6, retryDelay: "300ms"));
        var stored = await StoredByCrawlerAsync("bridged");

        new Figures(output, "crawler-catalogue-outage-bridged")
            .Add("manifests", Manifests)
            .Add("catalogue cut after (bytes answered)", 30_000)
            .Add("outage", outage)
            .Add("run", run)
            .Add("assets in the catalogue afterwards", stored.Count)
            .Publish();

        Assert.True(proxy.CutAt is not null, "the outage never happened: the crawl answered fewer bytes than the cut point");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(run.Retries > 0, "no attempt was retried");
        Assert.Equal((Manifests, Manifests, 0), (run.Found, run.Sent, run.Failed));
        Assert.Equal(Manifests, stored.Count);
    }

    [Fact]
    public async Task A_catalogue_down_past_the_retries_fails_the_run_and_the_next_run_stores_every_asset()
    {
        var root = WriteManifests("rerun", Manifests);
        await using var proxy = FaultProxy.Start(new Uri(_catalogue.Url).Port);
        proxy.CutAfter(bytes: 30_000);
        var config = Config("rerun", "local", root, proxy.Port, retries: 2, retryDelay: "100ms");

        var failed = await CrawlRun.RunAsync(config);
        var storedAfterFailure = await StoredByCrawlerAsync("rerun");
        proxy.Restore();
        var rerun = await CrawlRun.RunAsync(config);
        var stored = await StoredByCrawlerAsync("rerun");

        new Figures(output, "crawler-catalogue-outage-rerun")
            .Add("manifests", Manifests)
            .Add("run while the catalogue went down for good", failed)
            .Add("assets stored by the failed run", storedAfterFailure.Count)
            .Add("run after the catalogue came back", rerun)
            .Add("assets in the catalogue afterwards", stored.Count)
            .Publish();

        Assert.True(failed.ExitCode == 1, failed.Output);
        Assert.Equal("incomplete", failed.Outcome);
        Assert.Equal(Manifests, failed.Sent + failed.Failed);
        Assert.True(failed.Sent > 0 && failed.Failed > 0, "the outage was meant to come in the middle of the run");
        Assert.Equal(0, failed.MarkedStale);
        // A batch stored just as its answer was cut off counts as failed: reported conservatively, never lost.
        Assert.InRange(storedAfterFailure.Count, failed.Sent, Manifests);
        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Equal(Manifests, stored.Count);
    }

    [Fact]
    public async Task An_s3_source_vanishing_mid_walk_fails_the_run_and_marks_nothing_stale()
    {
        var s3 = await S3Server.GetAsync();
        var bucket = await s3.CreateBucketAsync("faults");
        using (var client = s3.CreateClient())
            for (var i = 0; i < 60; i++)
                await S3Server.PutAsync(client, bucket, $"lake/part-{i:D2}/MANIFEST.yaml", Encoding.UTF8.GetBytes(Manifest($"s3-asset-{i:D2}")));

        await SourceVanishesMidWalkAsync("s3-vanishing", s3.Port, proxyPort => $"""
              type: s3
              crawler:
                root: ""
                catalogue-endpoint: {_catalogue.Url}/assets/
                batch-size: 10
                retries: 1
                retry-delay: 100ms
                timeout: 3s
              settings:
                bucket: {bucket}
                endpoint: 127.0.0.1:{proxyPort}
                use-ssl: false
                access-key-id: {S3Server.AccessKey}
                secret-access-key: {S3Server.SecretKey}
            """, expectedAssets: 60);
    }

    [Fact]
    public async Task A_metastore_database_vanishing_mid_walk_fails_the_run_and_marks_nothing_stale()
    {
        var postgres = await PostgresServer.GetAsync();
        var metastore = new Npgsql.NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("metastore"));
        await HiveMetastoreSchema.LoadAsync(metastore.ConnectionString);
        await AddDatabasesAsync(metastore.ConnectionString, databases: 30, tablesEach: 3);

        await SourceVanishesMidWalkAsync("metastore-vanishing", postgres.Port, proxyPort => $"""
              type: hive-metastore
              crawler:
                root: ""
                catalogue-endpoint: {_catalogue.Url}/assets/
                batch-size: 10
                timeout: 3s
              settings:
                connection-string: "Host=127.0.0.1;Port={proxyPort};Username=postgres;Database={metastore.Database};Timeout=3"
            """, expectedAssets: 2 + 5 + 30 + 30 * 3);
    }

    [Fact]
    public async Task Corrupt_manifests_and_event_logs_are_skipped_with_their_reasons_and_the_rest_is_stored()
    {
        var manifests = WriteManifests("corrupt-manifests", 10);
        var corrupt = new Dictionary<string, byte[]>
        {
            ["broken-yaml"] = "name: [unclosed\ntype: dataset\n  bad: indentation"u8.ToArray(),
            ["binary"] = [0x00, 0xFF, 0xFE, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A],
            ["no-type"] = "name: typeless\n"u8.ToArray(),
            ["truncated"] = Encoding.UTF8.GetBytes(Manifest("truncated")[..20]),
        };
        foreach (var (folder, content) in corrupt)
        {
            Directory.CreateDirectory(Path.Combine(manifests, folder));
            await File.WriteAllBytesAsync(Path.Combine(manifests, folder, "MANIFEST.yaml"), content);
        }
        var manifestRun = await CrawlRun.RunAsync(Config("corrupt-manifests", "local", manifests, new Uri(_catalogue.Url).Port, retries: 1, retryDelay: "100ms"));

        var logs = Path.Combine(_directory.Path, "event-logs");
        Directory.CreateDirectory(logs);
        var spark = RepositoryPaths.Fixture("spark-eventlogs");
        foreach (var file in new[] { "writeformat_eventlog", "dataset_eventlog", "createdatasourcetable_eventlog.zstd" })
            File.Copy(Path.Combine(spark, file), Path.Combine(logs, file));
        var zstd = await File.ReadAllBytesAsync(Path.Combine(spark, "createdatasourcetable_eventlog.zstd"));
        await File.WriteAllBytesAsync(Path.Combine(logs, "truncated_eventlog.zstd"), zstd[..(zstd.Length / 2)]);
        // A second application (its own id) whose log has a broken line in the middle, as a crash mid-write leaves.
        var lines = (await File.ReadAllLinesAsync(Path.Combine(spark, "dataset_eventlog")))
            .Select(line => line.Replace(DatasetLogApplication, BrokenLineApplication, StringComparison.Ordinal)).ToArray();
        lines[lines.Length / 2] = "{\"Event\":\"SparkListenerJobStart\", broken";
        await File.WriteAllLinesAsync(Path.Combine(logs, "brokenline_eventlog"), lines);
        await File.WriteAllBytesAsync(Path.Combine(logs, "garbage_eventlog"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 256)).ToArray());
        var logRun = await CrawlRun.RunAsync(Config("corrupt-logs", "sparklog", logs, new Uri(_catalogue.Url).Port, retries: 1, retryDelay: "100ms"));
        var storedFromLogs = await StoredByCrawlerAsync("corrupt-logs");
        var storedManifests = await StoredByCrawlerAsync("corrupt-manifests");

        new Figures(output, "crawler-corrupt-inputs")
            .Add("manifests: valid / corrupt", $"10 / {corrupt.Count}")
            .Add("manifest run", manifestRun)
            .Add("assets stored from manifests", storedManifests.Count)
            .Add("event logs: fixtures / corrupt", "3 / 3 (truncated zstd, random bytes, a broken JSON line in the middle of a log)")
            .Add("event log run", logRun)
            .Add("assets stored from event logs", storedFromLogs.Count)
            .Publish();

        Assert.True(manifestRun.ExitCode == 0, manifestRun.Output);
        Assert.Equal(corrupt.Count, manifestRun.Skipped);
        Assert.Equal(10, storedManifests.Count);
        foreach (var folder in corrupt.Keys)
            Assert.Contains($"{folder}/MANIFEST.yaml", manifestRun.Output);
        Assert.True(logRun.ExitCode == 0, logRun.Output);
        Assert.Equal(2, logRun.Skipped);
        Assert.Contains("truncated_eventlog.zstd", logRun.Output);
        Assert.Contains("garbage_eventlog", logRun.Output);
        Assert.Equal(logRun.Found, logRun.Sent);
        Assert.Equal(logRun.Sent, storedFromLogs.Count);
        Assert.Contains(storedFromLogs, a => (string?)a["name"] == BrokenLineApplication);
    }

    /// <summary>
    /// Crawls the source through a proxy once in full, then again with the proxy cut at half the bytes the full run
    /// read: the second run must fail (exit 1), mark nothing stale, and leave every asset of the first run in place.
    /// </summary>
    private async Task SourceVanishesMidWalkAsync(string name, int sourcePort, Func<int, string> backend, int expectedAssets)
    {
        await using var full = FaultProxy.Start(sourcePort);
        var first = await CrawlRun.RunAsync(CrawlerConfig(name, backend(full.Port)));
        var bytesOfAWholeWalk = full.BytesFromTarget;
        await using var vanishing = FaultProxy.Start(sourcePort);
        vanishing.CutAfter(bytesOfAWholeWalk / 2);
        var second = await CrawlRun.RunAsync(CrawlerConfig(name, backend(vanishing.Port)));
        var stored = await StoredByCrawlerAsync(name);
        var markedStale = stored.Count(a => a["labels"]?["stale"] is not null);

        new Figures(output, $"crawler-{name}")
            .Add("complete walk through the proxy", first)
            .Add("bytes the source sent in a complete walk", bytesOfAWholeWalk)
            .Add("walk with the source cut after", $"{bytesOfAWholeWalk / 2} bytes")
            .Add("run", second)
            .Add("assets in the catalogue afterwards / marked stale", $"{stored.Count} / {markedStale}")
            .Publish();

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal(expectedAssets, first.Found);
        Assert.True(vanishing.CutAt is not null, "the source was never cut");
        Assert.True(second.ExitCode == 1, second.Output);
        Assert.Equal("failed", second.Outcome);
        Assert.True(second.Found < expectedAssets, second.ToString());
        Assert.Equal(0, second.MarkedStale);
        Assert.Equal(expectedAssets, stored.Count);
        Assert.Equal(0, markedStale);
    }

    private static string Manifest(string name) => $"""
        name: {name}
        type: dataset
        description: crawled by the reliability tests
        tags: [reliability]
        labels:
          owner: data-team
          schema:
            - {"{"}name: id, type: bigint{"}"}
        """;

    private string WriteManifests(string name, int count)
    {
        var root = Path.Combine(_directory.Path, name);
        for (var i = 0; i < count; i++)
        {
            var folder = Path.Combine(root, $"part-{i / 50}", $"{name}-{i:D3}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "MANIFEST.yaml"), Manifest($"{name}-{i:D3}"));
        }
        return root;
    }

    private string Config(string name, string type, string root, int cataloguePort, int retries, string retryDelay) =>
        CrawlerConfig(name, $"""
              type: {type}
              crawler:
                root: "{root}"
                catalogue-endpoint: http://127.0.0.1:{cataloguePort}/assets/
                batch-size: {BatchSize}
                retries: {retries}
                retry-delay: {retryDelay}
                timeout: 3s
            """);

    private string CrawlerConfig(string name, string backend)
    {
        var path = _directory.File($"{name}-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"""
            type: crawler
            backend:
              name: {name}
            {backend}
            """);
        return path;
    }

    private async Task<List<JsonObject>> StoredByCrawlerAsync(string crawler)
    {
        var assets = new List<JsonObject>();
        for (var page = 1L; page > 0;)
        {
            var response = await _http.PostAsync("/assets/labels", new StringContent(
                $$"""{"labels":{"crawler":"{{crawler}}"},"limit":1000,"page":{{page}}}"""));
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            assets.AddRange(body["data"]!.AsArray().Select(a => a!.AsObject()));
            page = (long)body["pagination"]!["next"]!;
        }
        return assets;
    }

    /// <summary>More databases with a few tables each, so a walk has many steps to be cut in the middle of.</summary>
    private static async Task AddDatabasesAsync(string connectionString, int databases, int tablesEach)
    {
        var sql = new StringBuilder();
        for (var d = 100; d < 100 + databases; d++)
        {
            sql.Append($"INSERT INTO \"DBS\" VALUES ({d}, 'database {d}', 's3a://warehouse/db_{d}.db', 'db_{d}', 'etl', 'USER', 'hive');\n");
            for (var t = 0; t < tablesEach; t++)
                sql.Append($"INSERT INTO \"TBLS\" VALUES ({d * 10 + t}, 1609459200, {d}, 0, 'etl', 'USER', 0, NULL, 'table_{t}', 'MANAGED_TABLE', NULL, NULL, false);\n");
        }
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql.ToString());
        await command.ExecuteNonQueryAsync();
    }
}
