using Mastro.Core.Config;
using Mastro.Crawlers.Config;
using Mastro.Crawlers.Scheduling;
using Mastro.Crawlers.Sources;
using Mastro.Testing;

namespace Mastro.Crawlers.Tests.Config;

public sealed class CrawlerSettingsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-04T10:00:00Z");

    private static MastroConfig Yaml(string yaml, Dictionary<string, string>? environment = null) =>
        ConfigLoader.Parse(yaml, "test.yml", name => environment?.GetValueOrDefault(name));

    private static CrawlerSettings Settings(string yaml, Dictionary<string, string>? environment = null) =>
        CrawlerSettings.From(Yaml(yaml, environment), Now);

    private static string Local(string crawlerBlock) => $"""
        type: crawler
        backend:
          name: lake
          type: local
          crawler:
        {crawlerBlock}
        """;

    [Fact]
    public void The_seeds_s3_example_reads_with_its_weekly_schedule_and_normalised_endpoint()
    {
        var settings = CrawlerSettings.From(ConfigLoader.Load(RepositoryPaths.Fixture("mastro", "crawlers", "conf", "example_s3.yml")), Now);

        Assert.Equal("public-minio-s3", settings.Name);
        Assert.Equal("s3", settings.SourceType);
        Assert.Equal("http://localhost:8085/assets/", settings.CatalogueEndpoint!.ToString());
        Assert.Equal("MANIFEST.yaml", settings.Filter.Text);
        var weekly = Assert.IsType<WeekdaySchedule>(settings.Schedule);
        Assert.Equal(DayOfWeek.Sunday, weekly.Next(Now).DayOfWeek);
        Assert.False(weekly.RunsAtStart);
        CrawlSourceFactory.Prepare(settings);
    }

    [Fact]
    public void The_seeds_impala_example_is_rejected_with_what_the_metastore_crawler_needs()
    {
        var settings = CrawlerSettings.From(ConfigLoader.Load(RepositoryPaths.Fixture("mastro", "crawlers", "conf", "example_impala.yml")), Now);
        Assert.True(settings.Schedule!.RunsAtStart);

        var error = Assert.Throws<ConfigException>(() => CrawlSourceFactory.Prepare(settings));
        Assert.StartsWith("backend.settings.database: missing", error.Message);
        Assert.Contains("metastore", error.Message);
    }

    [Fact]
    public void Defaults_apply_when_only_the_endpoint_is_given()
    {
        var settings = Settings(Local("    catalogue-endpoint: http://catalogue:8085/assets"));

        Assert.Equal(new Uri("http://catalogue:8085/assets/"), settings.CatalogueEndpoint);
        Assert.Null(settings.Schedule);
        Assert.Equal(CrawlerSettings.DefaultBatchSize, settings.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Timeout);
        Assert.True(settings.MarkStale);
        Assert.Equal("", settings.Root);
    }

    [Theory]
    [InlineData("http://c:8085", "http://c:8085/assets/")]
    [InlineData("http://c:8085/", "http://c:8085/assets/")]
    [InlineData("http://c:8085/assets", "http://c:8085/assets/")]
    [InlineData("https://gw/mastro/assets/", "https://gw/mastro/assets/")]
    public void The_endpoint_always_ends_in_assets_slash(string given, string expected) =>
        Assert.Equal(expected, CatalogueEndpoints.Normalise(given, "k").ToString());

    [Fact]
    public void Tuning_keys_are_read()
    {
        var settings = Settings(Local("""
                catalogue-endpoint: http://c/assets/
                batch-size: 250
                timeout: 2m
                retries: 0
                retry-delay: 500ms
                mark-stale: false
            """));

        Assert.Equal(250, settings.BatchSize);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.Timeout);
        Assert.Equal(0, settings.Retries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.RetryDelay);
        Assert.False(settings.MarkStale);
    }

    [Fact]
    public void Direct_mode_reads_the_store_from_store_keys_with_environment_references()
    {
        var settings = Settings(Local("""
                store-type: postgres
                store-host: db:5432
                store-username: mastro
                store-password: ${PG_PASSWORD}
            """), new() { ["PG_PASSWORD"] = "s3cret" });

        Assert.Null(settings.CatalogueEndpoint);
        var store = Assert.IsType<PostgresStoreSettings>(settings.DirectStore);
        Assert.Equal(("db", 5432, "s3cret"), (store.Host, store.Port, store.Password));
    }

    [Theory]
    [InlineData("type: catalogue\nbackend: {type: local, crawler: {catalogue-endpoint: 'http://c/assets/'}}", "type: 'catalogue' is not a crawler config")]
    [InlineData("type: crawler\nbackend: {crawler: {catalogue-endpoint: 'http://c/assets/'}}", "backend.type: missing")]
    [InlineData("type: crawler\nbackend: {type: kafka, crawler: {catalogue-endpoint: 'http://c/assets/'}}", "backend.type: 'kafka' is not supported")]
    [InlineData("type: crawler\nbackend: {type: ftp, crawler: {catalogue-endpoint: 'http://c/assets/'}}", "backend.type: unknown crawler 'ftp'")]
    [InlineData("type: crawler\nbackend: {type: local, crawler: {root: /x}}", "backend.crawler.catalogue-endpoint: missing")]
    [InlineData("type: crawler\nbackend: {type: local, crawler: {catalogue-endpoint: 'c:8085/assets'}}", "backend.crawler.catalogue-endpoint: 'c:8085/assets' is not an http(s) URL")]
    [InlineData("type: crawler\nbackend: {type: local, crawler: {catalogue-endpoint: 'http://c/api/'}}", "must end in /assets/")]
    [InlineData("type: crawler\nbackend: {type: local, crawler: {catalogue-endpoint: 'http://c/assets/', store-type: sqlite}}", "not both")]
    [InlineData("type: crawler\nbackend: {type: local, crawler: {store-type: sqlite}}", "backend.crawler.store-path: missing")]
    [InlineData("type: crawler\nbackend: {type: local, crawler: {store-type: mongo}}", "backend.crawler.store-type: 'mongo' is not supported")]
    [InlineData("type: crawler\nbackend: {type: local, crawler: {catalogue-endpoint: 'http://c/assets/', batch-size: 'lots'}}", "backend.crawler.batch-size: 'lots' is not a whole number")]
    [InlineData("type: crawler\nbackend: {type: local, crawler: {catalogue-endpoint: 'http://c/assets/', timeout: '-1'}}", "backend.crawler.timeout: '-1' is not a positive duration")]
    [InlineData("type: crawler\nbackend: {type: local, crawler: {catalogue-endpoint: 'http://c/assets/', start-now: 'maybe'}}", "backend.crawler.start-now: 'maybe' is not true or false")]
    [InlineData("type: crawler\nbackend: {type: local, crawler: {catalogue-endpoint: 'http://c/assets/', filter-filename: 'regex:(('}}", "backend.crawler.filter-filename: '((' is not a valid regular expression")]
    public void Every_mistake_is_one_line_naming_the_key(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Settings(yaml));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_local_crawler_needs_a_root()
    {
        var settings = Settings(Local("    catalogue-endpoint: http://c/assets/"));
        var error = Assert.Throws<ConfigException>(() => CrawlSourceFactory.Prepare(settings));
        Assert.StartsWith("backend.crawler.root: missing", error.Message);
    }

    [Fact]
    public void The_name_defaults_to_the_source_type()
    {
        var settings = Settings("type: crawler\nbackend: {type: local, crawler: {catalogue-endpoint: 'http://c/assets/'}}");
        Assert.Equal("local", settings.Name);
    }

    [Theory]
    [InlineData("MANIFEST.yaml", "MANIFEST.yaml", true)]
    [InlineData("MANIFEST.yaml", "xMANIFESTzyaml.bak", false)]
    [InlineData("MANIFEST.yaml", "MANIFESTzyaml", false)]
    [InlineData("MANIFEST.yaml", "manifest.yaml", false)]
    [InlineData("*.manifest.yaml", "sales.manifest.yaml", true)]
    [InlineData("*.manifest.yaml", "sales.manifest.yaml.bak", false)]
    [InlineData("regex:MANIFEST\\.ya?ml", "MANIFEST.yml", true)]
    [InlineData("regex:MANIFEST\\.ya?ml", "old-MANIFEST.yml", false)]
    public void The_filename_filter_matches_whole_names(string filter, string name, bool matches) =>
        Assert.Equal(matches, NameFilter.Parse(filter, "filter-filename").Matches(name));
}
