using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mastro.Core.Lineage;
using Mastro.Core.Services;
using Mastro.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Mastro.Server.Tests.Api.LineageEvents;

namespace Mastro.Server.Tests.Api;

/// <summary>POST /api/v1/lineage: what Spark's and Airflow's OpenLineage transports send, and what becomes of it.</summary>
public abstract class LineageIngestApiTests(MastroApiFactory factory) : ApiTestBase(factory)
{
    private const string Ingest = "/api/v1/lineage";

    private Task<ApiResponse> PostAsync(JsonNode json) => Api.PostAsync(Ingest, json);

    private async Task PostAllAsync(params JsonNode[] events)
    {
        foreach (var lineageEvent in events)
        {
            var response = await PostAsync(lineageEvent);
            Assert.True(response.Status == HttpStatusCode.Created, $"{response.Status}: {response.Text}");
        }
    }

    private async Task<JsonNode> AssetAsync(string name)
    {
        var response = await Api.GetAsync($"/asset/name/{name}");
        Assert.True(response.Status == HttpStatusCode.OK, $"GET {name}: {response.Status} {response.Text}");
        return response.Json;
    }

    private async Task<long> StoredEventCountAsync() => (long)(await Api.GetAsync("/api/v1/lineage/events")).Json["pagination"]!["total"]!;

    private static JsonNode Fixture(string fileName) => JsonNode.Parse(FixtureText(fileName))!;

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToArray();

    [Theory]
    [InlineData("client-python_example_full_event.json")]
    [InlineData("proxy-fluentd_test-start.json")]
    [InlineData("proxy-fluentd_test-complete.json")]
    public async Task Complete_fixture_events_are_accepted_with_201_and_an_empty_body(string fixture)
    {
        var response = await Api.PostAsync(Ingest, FixtureText(fixture));

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("", response.Text);
    }

    [Theory]
    [InlineData("spark-cli_expected_event_complete.json", "$.eventTime: is required")]
    [InlineData("spark-expected_hiveCreateHiveTableAsSelectCommandStartEvent.json", "$.run: is required")]
    [InlineData("spark-expected_pysparkHadoopFSEndEvent.json", "$.producer: is required")]
    [InlineData("spark-expected_pysparkHiveCompleteEvent.json", "$.run.runId: is required")]
    [InlineData("spark-serde_openlineage-event.json", "$.schemaURL: is required")]
    public async Task Partial_templates_get_a_400_naming_what_is_missing(string fixture, string problem)
    {
        var storedBefore = await StoredEventCountAsync();

        var response = await Api.PostAsync(Ingest, FixtureText(fixture));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith("Invalid OpenLineage event :: ", response.ErrorMessage);
        Assert.Contains(problem, response.ErrorMessage);
        Assert.Equal(storedBefore, await StoredEventCountAsync());
    }

    [Theory]
    [InlineData("spark-cli_expected_event_complete.json")]
    [InlineData("spark-expected_hiveCreateHiveTableAsSelectCommandStartEvent.json")]
    [InlineData("spark-expected_pysparkHadoopFSEndEvent.json")]
    [InlineData("spark-expected_pysparkHiveCompleteEvent.json")]
    public async Task Templates_completed_with_what_they_lack_are_accepted(string fixture)
    {
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Completed(fixture))).Status);
    }

    [Fact]
    public async Task A_spark_hive_table_event_catalogues_its_tables_with_schema_aliases_and_column_lineage()
    {
        await PostAllAsync(Completed("spark-expected_hiveCreateHiveTableAsSelectCommandStartEvent.json"));

        var table2 = await AssetAsync("hive3.table2");
        Assert.Equal("table", (string)table2["type"]!);
        Assert.Equal("""[{"name":"city","type":"string","comment":""}]""", table2["labels"]!["schema"]!.ToJsonString());
        Assert.Equal(["default/hive_metastore_integration_test.execute_create_hive_table_as_select_command.hive3_table2"], Strings(table2["depends-on"]));
        Assert.Equal("hive3.table1", (string)(await AssetAsync("file:/tmp/hive-metastore/hive3.db/table1"))["name"]!);

        var columns = (await Api.GetAsync("/api/v1/lineage/column-lineage?dataset=hive3.table2")).Json;
        Assert.Equal("hive3.table2", (string)columns["dataset"]!);
        var city = Assert.Single(columns["columns"]!.AsArray())!;
        Assert.Equal("city", (string)city["name"]!);
        var input = Assert.Single(city["inputs"]!.AsArray())!;
        Assert.Equal(("hive3.table1", "file", "/tmp/hive-metastore/hive3.db/table1", "city"),
            ((string)input["dataset"]!, (string)input["namespace"]!, (string)input["name"]!, (string)input["field"]!));
    }

    [Fact]
    public async Task Start_then_complete_of_one_run_gives_its_state_times_duration_and_raw_events()
    {
        // The fixture pair, under a run id and job of this test's own.
        var (runId, job) = (Guid.NewGuid().ToString(), Unique("my-job"));
        var (start, complete) = (Fixture("proxy-fluentd_test-start.json"), Fixture("proxy-fluentd_test-complete.json"));
        foreach (var lineageEvent in (JsonNode[])[start, complete])
        {
            lineageEvent["run"]!["runId"] = runId;
            lineageEvent["job"]!["name"] = job;
        }
        await PostAllAsync(start, complete);

        var run = (await Api.GetAsync($"/api/v1/lineage/runs/{runId}")).Json;

        Assert.Equal(
            ["runId", "job", "state", "startedAt", "endedAt", "durationMs", "errorMessage", "eventCount"],
            run.AsObject().Select(p => p.Key));
        Assert.Equal(($"my-namespace/{job}", "COMPLETE"), ((string)run["job"]!, (string)run["state"]!));
        Assert.Equal(("2019-05-09T19:49:24.201361Z", "2019-05-09T19:50:24.201361Z"), ((string)run["startedAt"]!, (string)run["endedAt"]!));
        Assert.Equal(60_000, (long)run["durationMs"]!);
        Assert.Null(run["errorMessage"]);
        Assert.Equal(2, (long)run["eventCount"]!);

        var events = (await Api.GetAsync($"/api/v1/lineage/runs/{runId}/events")).Json;
        Assert.Equal(2, (long)events["pagination"]!["total"]!);
        Assert.True(JsonNode.DeepEquals(start, events["data"]![0]));
        Assert.True(JsonNode.DeepEquals(complete, events["data"]![1]));

        var runs = (await Api.GetAsync($"/api/v1/lineage/runs?job=my-namespace/{job}")).Json;
        Assert.Equal([runId], runs["data"]!.AsArray().Select(r => (string)r!["runId"]!));
        Assert.Equal(["my-namespace/my-input"], Strings((await AssetAsync($"my-namespace/{job}"))["depends-on"]));
        Assert.Contains($"my-namespace/{job}", Strings((await AssetAsync("my-namespace/my-output"))["depends-on"]));
    }

    [Fact]
    public async Task Events_posted_at_once_are_all_applied_and_an_invalid_one_among_them_fails_alone()
    {
        // Every job writes the same output, whose depends-on must end up naming each of them: events written
        // together (group commit) must merge like events written one by one.
        var output = Unique("shared-output");
        var jobs = Enumerable.Range(0, 16).Select(i => (Job: Unique($"job{i}"), RunId: Guid.NewGuid().ToString())).ToList();
        async Task<HttpStatusCode[]> RunAsync(string job, string runId)
        {
            var start = await PostAsync(RunEvent("START", runId, T0, "ns", job, [Dataset("ns", "input")], [Dataset("ns", output)]));
            var complete = await PostAsync(RunEvent("COMPLETE", runId, T0.AddMinutes(1), "ns", job, [Dataset("ns", "input")], [Dataset("ns", output)]));
            return [start.Status, complete.Status];
        }

        var runs = Task.WhenAll(jobs.Select(j => RunAsync(j.Job, j.RunId)));
        var invalid = await PostAsync(RunEvent("START", "not-a-uuid", T0, "ns", Unique("bad-job"), [], [Dataset("ns", output)]));

        Assert.All(await runs, statuses => Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created], statuses));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("$.run.runId: must be a UUID", invalid.ErrorMessage);
        foreach (var (job, runId) in jobs)
        {
            var run = (await Api.GetAsync($"/api/v1/lineage/runs/{runId}")).Json;
            Assert.Equal(("COMPLETE", 2L), ((string)run["state"]!, (long)run["eventCount"]!));
        }
        Assert.Equal(jobs.Select(j => $"ns/{j.Job}").Order(), Strings((await AssetAsync($"ns/{output}"))["depends-on"]).Order());
    }

    [Fact]
    public async Task A_running_run_has_no_end_nor_duration_and_a_failed_one_its_error()
    {
        var (job, runId) = (Unique("job"), Guid.NewGuid().ToString());
        await PostAllAsync(RunEvent("START", runId, T0, "spark", job));

        var running = (await Api.GetAsync($"/api/v1/lineage/runs/{runId}")).Json;
        Assert.Equal("START", (string)running["state"]!);
        Assert.Null(running["endedAt"]);
        Assert.Null(running["durationMs"]);

        var error = Facet(new JsonObject
        {
            ["message"] = "Table or view not found: wrong_table; line 1 pos 14",
            ["programmingLanguage"] = "JAVA",
            ["stackTrace"] = "org.apache.spark.sql.AnalysisException: …",
        });
        await PostAllAsync(RunEvent("FAIL", runId, T0.AddSeconds(12.5), "spark", job, runFacets: new JsonObject { ["errorMessage"] = error }));

        var failed = (await Api.GetAsync($"/api/v1/lineage/runs/{runId}")).Json;
        Assert.Equal(("FAIL", "Table or view not found: wrong_table; line 1 pos 14", 12_500L),
            ((string)failed["state"]!, (string)failed["errorMessage"]!, (long)failed["durationMs"]!));
    }

    [Fact]
    public async Task A_path_and_its_table_are_one_asset_and_the_path_still_finds_it()
    {
        var table = $"{Unique("sales").Replace('-', '_')}.orders";
        var path = $"warehouse/{table}";
        var output = Dataset("s3a://lake", path, new JsonObject
        {
            ["symlinks"] = TableSymlink("hive://metastore:9083", table),
            ["schema"] = SchemaFacet(("order_id", "bigint")),
        });
        await PostAllAsync(RunEvent("COMPLETE", Guid.NewGuid().ToString(), T0, "spark", Unique("writer"), outputs: [output]));
        // A later job reads the path only: it reads the same asset.
        var reader = Unique("reader");
        await PostAllAsync(RunEvent("COMPLETE", Guid.NewGuid().ToString(), T0, "spark", reader, inputs: [Dataset("s3://lake/", path)]));

        var asset = await AssetAsync(table);
        Assert.Equal("table", (string)asset["type"]!);
        Assert.True(JsonNode.DeepEquals(asset, await AssetAsync($"s3://lake/{path}")));
        Assert.True(JsonNode.DeepEquals(asset, await AssetAsync(Uri.EscapeDataString($"s3://lake/{path}"))));
        Assert.Equal([table], Strings((await AssetAsync($"spark/{reader}"))["depends-on"]));
        var listed = (await Api.GetAsync("/assets/?limit=1000")).Json["data"]!.AsArray().Select(a => (string)a!["name"]!).ToList();
        Assert.DoesNotContain($"s3://lake/{path}", listed);
    }

    [Fact]
    public async Task Assets_put_before_are_enriched_and_keep_their_tags_labels_and_dependencies()
    {
        var table = $"{Unique("crm").Replace('-', '_')}.customers";
        var put = Asset(table, "table", "Customers of the web shop", ["pii"], new JsonObject { ["owner"] = "crm-team" });
        put["depends-on"] = new JsonArray("crm");
        Assert.Equal(HttpStatusCode.Created, (await Api.PutAsync("/asset/", put)).Status);

        var input = Dataset("hive://metastore:9083", table, new JsonObject
        {
            ["schema"] = SchemaFacet(("id", "bigint"), ("email", "string")),
            ["ownership"] = Facet(new JsonObject { ["owners"] = new JsonArray(new JsonObject { ["name"] = "team:crm", ["type"] = "MAINTAINER" }) }),
            ["documentation"] = Facet(new JsonObject { ["description"] = "from lineage" }),
        });
        await PostAllAsync(RunEvent("START", Guid.NewGuid().ToString(), T0, "spark", Unique("export"), inputs: [input]));

        var asset = await AssetAsync(table);
        Assert.Equal(("table", "Customers of the web shop"), ((string)asset["type"]!, (string)asset["description"]!));
        Assert.Equal(["pii", "openlineage"], Strings(asset["tags"]));
        Assert.Equal(["crm"], Strings(asset["depends-on"]));
        Assert.Equal("crm-team", (string)asset["labels"]!["owner"]!);
        Assert.Equal("""[{"name":"team:crm","type":"MAINTAINER"}]""", asset["labels"]!["owners"]!.ToJsonString());
        Assert.Equal("from lineage", (string)asset["labels"]!["documentation"]!);
        Assert.Equal(["id", "email"], asset["labels"]!["schema"]!.AsArray().Select(c => (string)c!["name"]!));
    }

    [Fact]
    public async Task Events_that_change_nothing_leave_their_assets_as_stored_and_a_change_is_written()
    {
        var (job, table) = (Unique("nightly"), Unique("orders"));
        JsonObject Event(string eventType, string runId, params (string Name, string Type)[] columns) => RunEvent(
            eventType, runId, T0, "spark", job,
            outputs: [Dataset("s3://lake", table, new JsonObject { ["schema"] = SchemaFacet(columns) })]);
        var runId = Guid.NewGuid().ToString();
        await PostAllAsync(Event("START", runId, ("id", "int")));
        var (firstJob, firstTable) = (await AssetAsync($"spark/{job}"), await AssetAsync($"s3://lake/{table}"));

        // The run's COMPLETE and the next run repeat what is stored: the assets are not rewritten.
        var nextRunId = Guid.NewGuid().ToString();
        await PostAllAsync(Event("COMPLETE", runId, ("id", "int")), Event("START", nextRunId, ("id", "int")));

        Assert.True(JsonNode.DeepEquals(firstJob, await AssetAsync($"spark/{job}")));
        Assert.True(JsonNode.DeepEquals(firstTable, await AssetAsync($"s3://lake/{table}")));
        Assert.Equal("COMPLETE", (string)(await Api.GetAsync($"/api/v1/lineage/runs/{runId}")).Json["state"]!);

        // A new column changes the table: it is written, with a new last-discovered-at; the job stays as it was.
        await PostAllAsync(Event("COMPLETE", nextRunId, ("id", "int"), ("total", "decimal")));

        var changed = await AssetAsync($"s3://lake/{table}");
        Assert.Equal(["id", "total"], changed["labels"]!["schema"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.True(DateTimeOffset.Parse((string)changed["last-discovered-at"]!) > DateTimeOffset.Parse((string)firstTable["last-discovered-at"]!));
        Assert.True(JsonNode.DeepEquals(firstJob, await AssetAsync($"spark/{job}")));

        // Over a minute later, the same event says the unchanged job is still there: it is written again.
        var later = new LaterClock(TimeSpan.FromMinutes(2));
        var store = Factory.Services.GetRequiredService<IMastroStore>();
        await new LineageService(store.Lineage, new AssetCatalogue(store.Assets, later), later)
            .IngestAsync(Event("START", Guid.NewGuid().ToString(), ("id", "int"), ("total", "decimal")).ToJsonString(), CancellationToken.None);
        var refreshed = await AssetAsync($"spark/{job}");
        Assert.True(DateTimeOffset.Parse((string)refreshed["last-discovered-at"]!) > DateTimeOffset.UtcNow.AddMinutes(1));
        refreshed.AsObject()["last-discovered-at"] = firstJob["last-discovered-at"]!.DeepClone();
        Assert.True(JsonNode.DeepEquals(firstJob, refreshed));
    }

    [Fact]
    public async Task Unknown_facets_are_kept_in_the_raw_event()
    {
        var runId = Guid.NewGuid().ToString();
        var custom = Facet(new JsonObject { ["euros"] = 12.5, ["tags"] = new JsonArray("nightly") });
        var lineageEvent = RunEvent("COMPLETE", runId, T0, "spark", Unique("costly"), runFacets: new JsonObject { ["my_company_cost"] = custom });

        await PostAllAsync(lineageEvent);

        var stored = (await Api.GetAsync($"/api/v1/lineage/runs/{runId}/events")).Json["data"]![0]!;
        Assert.True(JsonNode.DeepEquals(lineageEvent, stored));
        Assert.Equal(12.5, (double)stored["run"]!["facets"]!["my_company_cost"]!["euros"]!);
    }

    [Fact]
    public async Task Dataset_and_job_events_update_the_catalogue_without_a_run()
    {
        var name = Unique("static");
        var datasetEvent = new JsonObject
        {
            ["eventTime"] = T0.ToString("O"), ["producer"] = Producer, ["schemaURL"] = SchemaUrl,
            ["dataset"] = Dataset("s3://lake", name, new JsonObject { ["schema"] = SchemaFacet(("id", "int")) }),
        };
        var jobEvent = new JsonObject
        {
            ["eventTime"] = T0.ToString("O"), ["producer"] = Producer, ["schemaURL"] = SchemaUrl,
            ["job"] = new JsonObject { ["namespace"] = "airflow", ["name"] = $"{name}.task" },
            ["inputs"] = new JsonArray(Dataset("s3://lake", name)),
        };

        await PostAllAsync(datasetEvent, jobEvent);

        Assert.Equal("id", (string)(await AssetAsync($"s3://lake/{name}"))["labels"]!["schema"]![0]!["name"]!);
        Assert.Equal([$"s3://lake/{name}"], Strings((await AssetAsync($"airflow/{name}.task"))["depends-on"]));
        var recent = (await Api.GetAsync("/api/v1/lineage/events?limit=2")).Json["data"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(jobEvent, recent[0]));
        Assert.True(JsonNode.DeepEquals(datasetEvent, recent[1]));
    }

    [Fact]
    public async Task Gzip_bodies_are_accepted()
    {
        var runId = Guid.NewGuid().ToString();
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(RunEvent("START", runId, T0, "spark", Unique("gzip")).ToJsonString()));
        using var request = new HttpRequestMessage(HttpMethod.Post, Ingest) { Content = new ByteArrayContent(compressed.ToArray()) };
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Content.Headers.ContentType = new("application/json");

        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(request)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync($"/api/v1/lineage/runs/{runId}")).Status);
    }

    [Theory]
    [InlineData("{\"eventType\": ", "Invalid OpenLineage event :: malformed JSON")]
    [InlineData("", "request body is empty")]
    [InlineData("[]", "Invalid OpenLineage event :: $: expected a JSON object")]
    public async Task Bodies_that_are_not_one_json_event_are_400(string body, string message)
    {
        var response = await Api.PostAsync(Ingest, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(message, response.ErrorMessage);
    }

    [Fact]
    public async Task Names_the_catalogue_cannot_hold_are_400_and_store_nothing()
    {
        var runId = Guid.NewGuid().ToString();
        var response = await PostAsync(RunEvent("START", runId, T0, "spark", Unique("long"), outputs: [Dataset("s3://lake", new string('x', 600))]));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("$.outputs[0]: dataset name is longer than 512 characters", response.ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/api/v1/lineage/runs/{runId}")).Status);
    }

    [Fact]
    public async Task Unknown_runs_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/api/v1/lineage/runs/{Guid.NewGuid()}")).Status);
        var events = await Api.GetAsync($"/api/v1/lineage/runs/{Guid.NewGuid()}/events");
        Assert.Equal(HttpStatusCode.NotFound, events.Status);
        Assert.Contains("no run with id", events.ErrorMessage);
    }
}

public sealed class SqliteLineageIngestApiTests(SqliteApiFactory factory) : LineageIngestApiTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class PostgresLineageIngestApiTests(PostgresApiFactory factory) : LineageIngestApiTests(factory), IClassFixture<PostgresApiFactory>;
