using System.Text.Json;
using Mastro.Core.Config;
using Mastro.Core.Model;
using Mastro.Crawlers.Config;
using Mastro.Crawlers.Sources;
using Mastro.Crawlers.Tests.Support;
using Mastro.Testing;
using Npgsql;

namespace Mastro.Crawlers.Tests.Hive;

/// <summary>The hive/impala crawler against a real PostgreSQL holding metastore tables.</summary>
public sealed class HiveMetastoreSourceTests : IAsyncLifetime
{
    private NpgsqlConnectionStringBuilder _metastore = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("metastore");
        await HiveMetastoreSchema.LoadAsync(connectionString);
        _metastore = new NpgsqlConnectionStringBuilder(connectionString);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private CrawlerSettings Settings(string type, string root, string extraSettings = "") => CrawlerSettings.From(ConfigLoader.Parse($"""
        type: crawler
        backend:
          name: warehouse
          type: {type}
          crawler:
            root: "{root}"
            catalogue-endpoint: http://catalogue:8085/assets/
          settings:
            host: {_metastore.Host}
            port: {_metastore.Port}
            database: {_metastore.Database}
            username: {_metastore.Username}
        {extraSettings}
        """, "test.yml", _ => null), DateTimeOffset.UtcNow);

    private async Task<List<CrawlItem>> CrawlAsync(string root, string type = "hive", string extraSettings = "")
    {
        await using var source = CrawlSourceFactory.Prepare(Settings(type, root, extraSettings))();
        return await Crawl.ItemsAsync(source);
    }

    private static Dictionary<string, Asset> Assets(IEnumerable<CrawlItem> items) =>
        items.OfType<FoundAsset>().ToDictionary(f => f.Asset.Name, f => f.Asset);

    private static List<(string? Name, string? Type, string? Comment)> Columns(JsonElement columns) =>
        columns.EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("type").GetString(), c.GetProperty("comment").GetString())).ToList();

    [Fact]
    public async Task Every_database_and_every_table_is_catalogued_with_qualified_names()
    {
        var items = await CrawlAsync("");

        Assert.Empty(items.OfType<SkippedItem>());
        var assets = Assets(items);
        Assert.Equal(["default", "default.lookup", "default.tmppartable", "sales", "sales.big_orders", "sales.lookup", "sales.orders"], assets.Keys.Order());
        Assert.Equal("database", assets["sales"].Type);
        Assert.Equal("Sales data", assets["sales"].Description);
        Assert.Equal("s3a://warehouse/sales.db", assets["sales"].Labels["location"].GetString());
        Assert.Equal("revenue", assets["sales"].Labels["parameters"].GetProperty("team").GetString());
        Assert.All(assets.Values.Where(a => a.Type == "table"), t => Assert.Equal([t.Name.Split('.')[0]], t.DependsOn));
    }

    [Fact]
    public async Task A_table_has_its_columns_partition_keys_storage_and_parameters()
    {
        var orders = Assets(await CrawlAsync(""))["sales.orders"];

        Assert.Equal("table", orders.Type);
        Assert.Equal("All orders", orders.Description);
        Assert.Equal([("order_id", "bigint", "order key"), ("amount", "decimal(10,2)", ""), ("customer", "struct<id:int,name:string>", "")],
            Columns(orders.Labels["schema"]));
        Assert.Equal([("dt", "string", "ingestion day"), ("region", "string", "")], Columns(orders.Labels["partition-keys"]));
        Assert.Equal("EXTERNAL_TABLE", orders.Labels["table-type"].GetString());
        Assert.Equal("parquet", orders.Labels["format"].GetString());
        Assert.Equal("s3a://warehouse/sales.db/orders", orders.Labels["location"].GetString());
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", orders.Labels["serde"].GetString());
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", orders.Labels["input-format"].GetString());
        Assert.Equal("2021-01-01T00:00:00Z", orders.Labels["created-at"].GetString());
        Assert.Equal("1200", orders.Labels["parameters"].GetProperty("numRows").GetString());
        Assert.False(orders.Labels["parameters"].TryGetProperty("comment", out _));
    }

    [Fact]
    public async Task Views_text_tables_and_spark_datasource_tables_are_described_by_what_they_are()
    {
        var assets = Assets(await CrawlAsync(""));

        var view = assets["sales.big_orders"];
        Assert.Equal("VIRTUAL_VIEW", view.Labels["table-type"].GetString());
        Assert.Equal("select order_id from orders where amount > 100", view.Labels["view-text"].GetString());
        Assert.False(view.Labels.ContainsKey("location"));

        var lookup = assets["sales.lookup"];
        Assert.Equal("text", lookup.Labels["format"].GetString());
        Assert.Equal(",", lookup.Labels["serde-parameters"].GetProperty("field.delim").GetString());

        // Spark keeps a placeholder column in the metastore and the real schema in table parameters.
        var spark = assets["default.tmppartable"];
        Assert.Equal([("value", "integer", "the value")], Columns(spark.Labels["schema"]));
        Assert.Equal("parquet", spark.Labels["format"].GetString());
        Assert.False(spark.Labels["parameters"].TryGetProperty("spark.sql.sources.schema.part.0", out _));
    }

    [Fact]
    public async Task A_root_selects_one_database_or_one_table()
    {
        Assert.Equal(["sales", "sales.big_orders", "sales.lookup", "sales.orders"], Assets(await CrawlAsync("sales")).Keys.Order());
        Assert.Equal(["default", "default.lookup"], Assets(await CrawlAsync("default/lookup")).Keys.Order());
    }

    [Fact]
    public async Task A_root_naming_something_missing_is_reported()
    {
        var noDatabase = Assert.Single(await CrawlAsync("nope"));
        Assert.Equal("no database 'nope' in the metastore", Assert.IsType<SkippedItem>(noDatabase).Reason);

        var noTable = (await CrawlAsync("sales/nope")).OfType<SkippedItem>().Single();
        Assert.Equal("no table 'nope' in database 'sales'", noTable.Reason);
    }

    [Fact]
    public async Task Impala_reads_the_same_metastore_with_the_same_settings()
    {
        Assert.Equal(Assets(await CrawlAsync("")).Keys.Order(), Assets(await CrawlAsync("", "impala")).Keys.Order());
    }

    [Fact]
    public async Task Metastore_tables_in_another_schema_are_found_through_the_schema_setting()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("metastore");
        await HiveMetastoreSchema.LoadAsync(connectionString, "hive");
        _metastore = new NpgsqlConnectionStringBuilder(connectionString);

        var assets = Assets(await CrawlAsync("sales", extraSettings: "    schema: hive"));

        Assert.Contains("sales.orders", assets.Keys);
    }

    [Fact]
    public async Task An_unreachable_metastore_fails_the_run()
    {
        _metastore.Port = ExternalProcess.FreeTcpPort();
        await using var catalogue = await CataloguePeer.StartAsync();
        await using var sink = Crawl.HttpSink(catalogue.AssetsEndpoint);
        await using var source = CrawlSourceFactory.Prepare(Settings("hive", ""))();

        var report = await Crawl.RunAsync(source, sink);

        Assert.False(report.Succeeded);
        Assert.NotNull(report.Error);
        Assert.Equal(0, catalogue.PutCount);
    }

    [Theory]
    [InlineData("a/b/c", "", "backend.crawler.root: 'a/b/c' is not")]
    [InlineData("", "    ssl-mode: sometimes", "backend.settings.ssl-mode: 'sometimes'")]
    public void Bad_metastore_settings_fail_at_startup(string root, string extra, string message)
    {
        var error = Assert.Throws<ConfigException>(() => CrawlSourceFactory.Prepare(Settings("hive", root, extra)));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Kerberos_switches_the_connection_to_gssapi_without_a_password()
    {
        var settings = Mastro.Crawlers.Hive.MetastoreSettings.From(
            Settings("impala", "", "    use-kerberos: true\n    password: ignored\n    kerberos-service-name: pg").Backend, TimeSpan.FromSeconds(5));

        Assert.True(settings.Kerberos);
        Assert.Equal("pg", settings.Connection.KerberosServiceName);
        Assert.Null(settings.Connection.Password);
        Assert.DoesNotContain("ignored", settings.ToString());
    }
}
