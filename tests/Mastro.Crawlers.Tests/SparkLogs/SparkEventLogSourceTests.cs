using System.Text.Json;
using Mastro.Core.Model;
using Mastro.Crawlers.Files;
using Mastro.Crawlers.SparkLogs;
using Mastro.Crawlers.Sources;
using Mastro.Crawlers.Tests.Support;
using Mastro.Testing;

namespace Mastro.Crawlers.Tests.SparkLogs;

public sealed class SparkEventLogSourceTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static async Task<List<CrawlItem>> CrawlAsync(string root, bool includeInProgress = false) =>
        await Crawl.ItemsAsync(new SparkEventLogSource(new LocalFileTree(root, "root"), includeInProgress));

    private static Dictionary<string, Asset> Assets(IEnumerable<CrawlItem> items) =>
        items.OfType<FoundAsset>().ToDictionary(f => f.Asset.Name, f => f.Asset);

    private static string Label(Asset asset, string key) => asset.Labels[key].ValueKind == JsonValueKind.String
        ? asset.Labels[key].GetString()!
        : asset.Labels[key].GetRawText();

    [Fact]
    public async Task Every_fixture_log_becomes_a_pipeline_with_its_identity_timing_and_status()
    {
        var items = await CrawlAsync(SparkLogFixtures.Directory);

        Assert.Empty(items.OfType<SkippedItem>());
        var assets = Assets(items);
        var pipelines = assets.Values.Where(a => a.Type == "pipeline").Select(a => a.Name).Order();
        Assert.Equal([SparkLogFixtures.WriteFormatApp, SparkLogFixtures.DatasetApp, SparkLogFixtures.CreateTableApp], pipelines);

        var app = assets[SparkLogFixtures.DatasetApp];
        Assert.Equal("Spark shell", Label(app, "app-name"));
        Assert.Equal("user1", Label(app, "user"));
        Assert.Equal("3.1.1", Label(app, "spark-version"));
        Assert.Equal("completed", Label(app, "status"));
        Assert.Equal("2022-04-28T23:07:04.195Z", Label(app, "started-at"));   // Timestamp 1651187224195
        Assert.Equal("2022-04-28T23:12:59.832Z", Label(app, "ended-at"));     // Timestamp 1651187579832
        Assert.Equal("3", Label(app, "jobs"));
        Assert.Equal("0", Label(app, "failed-jobs"));
        Assert.EndsWith("dataset_eventlog", Label(app, "event-log"));
        Assert.Equal(["spark"], app.Tags);
    }

    [Fact]
    public async Task File_inputs_carry_format_and_read_schema_and_the_application_depends_on_them()
    {
        var assets = Assets(await CrawlAsync(SparkLogFixtures.Directory));

        const string people = "file:/home/user1/json-reader/people.json";
        Assert.Equal([people], assets[SparkLogFixtures.DatasetApp].DependsOn);
        var dataset = assets[people];
        Assert.Equal("dataset", dataset.Type);
        Assert.Equal("json", Label(dataset, "format"));
        Assert.Empty(dataset.DependsOn);
        var schema = dataset.Labels["schema"].EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("type").GetString()));
        Assert.Equal([("age", "bigint"), ("lname", "string"), ("name", "string")], schema);
    }

    [Fact]
    public async Task Written_files_depend_on_the_application_with_the_format_they_were_written_in()
    {
        var assets = Assets(await CrawlAsync(SparkLogFixtures.Directory));

        const string output = "file:/home/user1/spark-3.1.1/spark-3.1.1-bin-hadoop3.2/writeDF";
        foreach (var (suffix, format) in new[] { ("csv", "csv"), ("parquet", "parquet"), ("orc", "orc"), ("json", "json") })
        {
            var written = assets[$"{output}.{suffix}"];
            Assert.Equal([SparkLogFixtures.WriteFormatApp], written.DependsOn);
            Assert.Equal(format, Label(written, "format"));
        }
        var app = assets[SparkLogFixtures.WriteFormatApp];
        Assert.Equal(["file:/home/user1/event_logs_spark/nested_type/smalldec.parquet"], app.DependsOn);
        Assert.Equal(4, app.Labels["writes"].GetArrayLength());
        Assert.Equal("parquet", Label(assets["file:/home/user1/event_logs_spark/nested_type/smalldec.parquet"], "format"));
    }

    [Fact]
    public async Task A_zstd_log_writing_a_table_gives_a_table_asset_named_db_dot_table()
    {
        var assets = Assets(await CrawlAsync(SparkLogFixtures.Directory));

        var table = assets["default.tmppartable"];
        Assert.Equal("table", table.Type);
        Assert.Equal([SparkLogFixtures.CreateTableApp], table.DependsOn);
        Assert.Equal("completed", Label(assets[SparkLogFixtures.CreateTableApp], "status"));
        // Its only scan is a local collection (Scan[obj#1]), which is no dataset.
        Assert.Empty(assets[SparkLogFixtures.CreateTableApp].DependsOn);
    }

    [Fact]
    public async Task A_rolling_log_directory_is_read_across_its_parts()
    {
        await SparkLogFixtures.RollingAsync(_directory.Path, "writeformat_eventlog", SparkLogFixtures.WriteFormatApp, parts: 3);

        var items = await CrawlAsync(_directory.Path);

        Assert.Empty(items.OfType<SkippedItem>());
        var assets = Assets(items);
        var app = assets[SparkLogFixtures.WriteFormatApp];
        Assert.Equal("completed", Label(app, "status"));
        Assert.Equal("5", Label(app, "jobs"));
        Assert.Equal("4", Label(app, "sql-executions"));
        Assert.Equal([SparkLogFixtures.WriteFormatApp], assets["file:/home/user1/spark-3.1.1/spark-3.1.1-bin-hadoop3.2/writeDF.orc"].DependsOn);
        Assert.EndsWith($"eventlog_v2_{SparkLogFixtures.WriteFormatApp}", Label(app, "event-log"));
    }

    [Fact]
    public async Task Rolling_parts_are_ordered_by_index_not_by_name()
    {
        var files = new[] { 10, 2, 1 }.Select(i => new TreeFile($"/l/eventlog_v2_app/events_{i}_app.zstd", $"eventlog_v2_app/events_{i}_app.zstd"))
            .Append(new TreeFile("/l/eventlog_v2_app/appstatus_app", "eventlog_v2_app/appstatus_app"));

        var (logs, problems) = EventLogFile.Group(files);

        Assert.Empty(problems);
        var log = Assert.Single(logs);
        Assert.Equal(["events_1_app.zstd", "events_2_app.zstd", "events_10_app.zstd"], log.Parts.Select(p => p.Name));
        Assert.Equal("zstd", log.Codec);
        Assert.False(log.InProgress);
    }

    [Fact]
    public async Task Running_applications_are_skipped_unless_asked_for_and_then_read_up_to_the_cut()
    {
        var lines = await SparkLogFixtures.LinesAsync("dataset_eventlog");
        var running = lines.Where(l => !l.Contains("SparkListenerApplicationEnd")).ToList();
        var cut = string.Join('\n', running) + "\n" + running[^1][..40]; // a partial last line, as a live log has
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "local-live.inprogress"), cut);
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "local-live-zstd.plain"), cut);
        await SparkLogFixtures.CompressAsync(Path.Combine(_directory.Path, "local-live-zstd.plain"), Path.Combine(_directory.Path, "local-live-zstd.zstd.inprogress"));
        File.Delete(Path.Combine(_directory.Path, "local-live-zstd.plain"));
        await SparkLogFixtures.RollingAsync(_directory.Path, "writeformat_eventlog", SparkLogFixtures.WriteFormatApp, parts: 2, inProgress: true);

        var skipped = (await CrawlAsync(_directory.Path)).OfType<SkippedItem>().ToList();
        Assert.Equal(3, skipped.Count);
        Assert.All(skipped, s => Assert.StartsWith("application still running", s.Reason));

        var included = await CrawlAsync(_directory.Path, includeInProgress: true);
        Assert.Empty(included.OfType<SkippedItem>());
        var pipelines = included.OfType<FoundAsset>().Select(f => f.Asset).Where(a => a.Type == "pipeline").ToList();
        // Both live copies of the dataset app share its ID (the runner reports such duplicates).
        Assert.Equal([SparkLogFixtures.WriteFormatApp, SparkLogFixtures.DatasetApp, SparkLogFixtures.DatasetApp], pipelines.Select(p => p.Name).Order());
        Assert.All(pipelines, p => Assert.Equal("running", Label(p, "status")));
        Assert.All(pipelines, p => Assert.False(p.Labels.ContainsKey("ended-at")));
    }

    [Fact]
    public async Task Files_that_are_not_readable_event_logs_are_skipped_with_the_reason()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "README.md"), "# logs");
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, ".DS_Store"), "x");
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "local-1.lz4"), "x");
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "local-2"), "hello\nthis is\nnot\nan\nevent\nlog\n");
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "local-3.zstd"), "not zstd at all");
        File.Copy(SparkLogFixtures.Plain("dataset_eventlog"), Path.Combine(_directory.Path, SparkLogFixtures.DatasetApp));

        var items = await CrawlAsync(_directory.Path);

        var reasons = items.OfType<SkippedItem>().ToDictionary(s => Path.GetFileName(s.Origin), s => s.Reason);
        Assert.Equal("not a Spark event log (unexpected suffix .md)", reasons["README.md"]);
        Assert.Equal("not a Spark event log (hidden file)", reasons[".DS_Store"]);
        Assert.StartsWith("codec lz4 is not supported", reasons["local-1.lz4"]);
        Assert.StartsWith("not a Spark event log", reasons["local-2"]);
        Assert.Contains("corrupt zstd data", reasons["local-3.zstd"]);
        Assert.Single(items.OfType<FoundAsset>(), f => f.Asset.Type == "pipeline");
    }

    [Fact]
    public async Task Crawling_the_fixtures_sends_every_application_and_dataset_to_the_catalogue()
    {
        await using var catalogue = await CataloguePeer.StartAsync();
        await using var sink = Crawl.HttpSink(catalogue.AssetsEndpoint);

        var report = await Crawl.RunAsync(new SparkEventLogSource(new LocalFileTree(SparkLogFixtures.Directory, "root"), false), sink, "spark-history");

        Assert.True(report.Succeeded);
        Assert.Empty(report.Skipped);
        // 3 applications; people.json, smalldec.parquet, 4 writeDF outputs, default.tmppartable.
        Assert.Equal(3 + 7, report.Found);
        Assert.Equal(report.Found, report.Sent);
        Assert.All(catalogue.Assets, a => Assert.Equal("spark-history", a.Labels["crawler"].GetString()));
    }
}
