using System.Net;
using System.Text.Json.Nodes;
using static Mastro.Server.Tests.Api.LineageEvents;

namespace Mastro.Server.Tests.Api;

/// <summary>The lineage graph (Marquez's shape) over depends-on, whoever wrote it.</summary>
public abstract class LineageGraphApiTests(MastroApiFactory factory) : ApiTestBase(factory)
{
    private async Task PutAsync(string name, string type = "dataset", params string[] dependsOn)
    {
        var asset = Asset(name, type);
        asset["depends-on"] = new JsonArray(dependsOn.Select(d => (JsonNode)d).ToArray());
        Assert.Equal(HttpStatusCode.Created, (await Api.PutAsync("/asset/", asset)).Status);
    }

    private async Task<JsonArray> GraphAsync(string path)
    {
        var response = await Api.GetAsync(path);
        Assert.True(response.Status == HttpStatusCode.OK, $"GET {path}: {response.Status} {response.Text}");
        return response.Json["graph"]!.AsArray();
    }

    private static JsonNode Node(JsonArray graph, string id) => Assert.Single(graph, n => (string)n!["id"]! == id)!;

    private static string[] Ids(JsonArray graph) => graph.Select(n => (string)n!["id"]!).Order(StringComparer.Ordinal).ToArray();

    private static (string, string)[] Edges(JsonNode node, string direction) =>
        node[direction]!.AsArray().Select(e => ((string)e!["origin"]!, (string)e["destination"]!)).Order().ToArray();

    /// <summary>raw → (job1) → mid → (job2) → out, through two OpenLineage runs.</summary>
    private async Task<(string Raw, string Job1, string Mid, string Job2, string Out)> ChainAsync()
    {
        var prefix = Unique("chain");
        var (raw, mid, output) = ($"{prefix}/raw", $"{prefix}/mid", $"{prefix}/out");
        await Api.PostAsync("/api/v1/lineage", RunEvent("COMPLETE", Guid.NewGuid().ToString(), T0, "spark", $"{prefix}-job1",
            inputs: [Dataset("s3://lake", raw)], outputs: [Dataset("s3://lake", mid)]));
        await Api.PostAsync("/api/v1/lineage", RunEvent("COMPLETE", Guid.NewGuid().ToString(), T0, "spark", $"{prefix}-job2",
            inputs: [Dataset("s3://lake", mid)], outputs: [Dataset("s3://lake", output)]));
        return ($"s3://lake/{raw}", $"spark/{prefix}-job1", $"s3://lake/{mid}", $"spark/{prefix}-job2", $"s3://lake/{output}");
    }

    [Fact]
    public async Task The_graph_has_marquez_nodes_with_in_and_out_edges()
    {
        var (raw, job1, mid, job2, output) = await ChainAsync();

        var graph = await GraphAsync($"/lineage?nodeId={Uri.EscapeDataString(mid)}&depth=1");

        Assert.Equal(mid, (string)graph[0]!["id"]!);
        Assert.Equal(new[] { job1, job2, mid }.Order(StringComparer.Ordinal), Ids(graph));
        var midNode = Node(graph, mid);
        Assert.Equal(["id", "type", "data", "inEdges", "outEdges"], midNode.AsObject().Select(p => p.Key));
        Assert.Equal("DATASET", (string)midNode["type"]!);
        Assert.Equal(["name", "type", "description", "tags", "last-discovered-at"], midNode["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal("dataset", (string)midNode["data"]!["type"]!);
        Assert.Equal(["openlineage"], midNode["data"]!["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal([(job1, mid)], Edges(midNode, "inEdges"));
        Assert.Equal([(mid, job2)], Edges(midNode, "outEdges"));
        Assert.Equal("JOB", (string)Node(graph, job1)["type"]!);
        // Edges to nodes beyond the depth are left out.
        Assert.Empty(Edges(Node(graph, job1), "inEdges"));

        Assert.Equal(new[] { raw, job1, mid, job2, output }.Order(StringComparer.Ordinal), Ids(await GraphAsync($"/lineage?nodeId={Uri.EscapeDataString(mid)}&depth=2")));
        Assert.Equal(Ids(await GraphAsync($"/lineage?nodeId={Uri.EscapeDataString(mid)}")), Ids(await GraphAsync($"/api/v1/lineage?nodeId={Uri.EscapeDataString(mid)}")));
    }

    [Fact]
    public async Task The_asset_lineage_route_walks_one_direction_or_both()
    {
        var (raw, job1, mid, job2, output) = await ChainAsync();

        Assert.Equal(new[] { raw, job1, mid }.Order(StringComparer.Ordinal), Ids(await GraphAsync($"/asset/name/{mid}/lineage?direction=upstream")));
        Assert.Equal(new[] { mid, job2, output }.Order(StringComparer.Ordinal), Ids(await GraphAsync($"/asset/name/{mid}/lineage?direction=downstream&depth=5")));
        Assert.Equal(new[] { raw, job1, mid, job2, output }.Order(StringComparer.Ordinal), Ids(await GraphAsync($"/asset/name/{Uri.EscapeDataString(mid)}/lineage")));
        Assert.Equal([mid], Ids(await GraphAsync($"/asset/name/{mid}/lineage?depth=0")));
        // The asset itself still answers at its own name.
        Assert.Equal(mid, (string)(await Api.GetAsync($"/asset/name/{mid}")).Json["name"]!);
    }

    [Fact]
    public async Task Marquez_node_ids_name_datasets_and_jobs()
    {
        var (_, job1, mid, _, _) = await ChainAsync();
        var midPath = mid["s3://lake/".Length..];
        var jobName = job1["spark/".Length..];

        Assert.Equal(mid, (string)(await GraphAsync($"/lineage?nodeId={Uri.EscapeDataString($"dataset:s3://lake:{midPath}")}&depth=0"))[0]!["id"]!);
        Assert.Equal(job1, (string)(await GraphAsync($"/lineage?nodeId={Uri.EscapeDataString($"job:spark:{jobName}")}&depth=0"))[0]!["id"]!);
    }

    [Fact]
    public async Task Depends_on_from_put_and_crawlers_makes_edges_too_even_to_names_not_catalogued()
    {
        var prefix = Unique("put");
        await PutAsync($"{prefix}.report", "report", $"{prefix}.orders", $"{prefix}.missing");
        await PutAsync($"{prefix}.orders", "table");

        var graph = await GraphAsync($"/asset/name/{prefix}.report/lineage");

        Assert.Equal(new[] { $"{prefix}.missing", $"{prefix}.orders", $"{prefix}.report" }.Order(StringComparer.Ordinal), Ids(graph));
        var missing = Node(graph, $"{prefix}.missing");
        Assert.Equal(("DATASET", ""), ((string)missing["type"]!, (string)missing["data"]!["type"]!));
        Assert.Equal([($"{prefix}.missing", $"{prefix}.report"), ($"{prefix}.orders", $"{prefix}.report")], Edges(Node(graph, $"{prefix}.report"), "inEdges"));
        // A name only depended upon has a graph too.
        Assert.Equal(2, (await GraphAsync($"/lineage?nodeId={prefix}.missing")).Count);
    }

    [Fact]
    public async Task Cycles_terminate()
    {
        var prefix = Unique("cycle");
        await PutAsync($"{prefix}.a", "dataset", $"{prefix}.b");
        await PutAsync($"{prefix}.b", "pipeline", $"{prefix}.a");

        var graph = await GraphAsync($"/asset/name/{prefix}.a/lineage?depth=10");

        Assert.Equal([$"{prefix}.a", $"{prefix}.b"], Ids(graph));
        Assert.Equal([($"{prefix}.a", $"{prefix}.b"), ($"{prefix}.b", $"{prefix}.a")],
            graph.SelectMany(n => Edges(n!, "inEdges")).Order().ToArray());
    }

    [Fact]
    public async Task Depth_is_capped_at_ten()
    {
        var prefix = Unique("deep");
        for (var i = 0; i < 14; i++)
            await PutAsync($"{prefix}.{i:D2}", "dataset", i == 0 ? [] : [$"{prefix}.{i - 1:D2}"]);

        var graph = await GraphAsync($"/asset/name/{prefix}.13/lineage?direction=upstream&depth=50");

        Assert.Equal(Enumerable.Range(3, 11).Select(i => $"{prefix}.{i:D2}"), Ids(graph));
    }

    [Fact]
    public async Task Aliases_are_walked_as_their_asset()
    {
        var table = $"{Unique("alias").Replace('-', '_')}.orders";
        await Api.PostAsync("/api/v1/lineage", RunEvent("COMPLETE", Guid.NewGuid().ToString(), T0, "spark", Unique("writer"),
            outputs: [Dataset("s3://lake", table, new JsonObject { ["symlinks"] = TableSymlink("hive://metastore:9083", table) })]));
        // A crawler catalogued a report on the path, not the table.
        var report = Unique("report");
        await PutAsync(report, "report", $"s3://lake/{table}");

        var graph = await GraphAsync($"/asset/name/{Uri.EscapeDataString($"s3://lake/{table}")}/lineage?direction=downstream");

        Assert.Equal(new[] { report, table }.Order(StringComparer.Ordinal), Ids(graph));
        Assert.Equal([(table, report)], Edges(Node(graph, report), "inEdges"));
    }

    [Theory]
    [InlineData("/lineage?nodeId=no-such-node", HttpStatusCode.NotFound, "no asset or lineage node 'no-such-node'")]
    [InlineData("/asset/name/no-such-asset/lineage", HttpStatusCode.NotFound, "no asset named 'no-such-asset/lineage'")]
    [InlineData("/lineage", HttpStatusCode.BadRequest, "nodeId parameter is required")]
    [InlineData("/lineage?nodeId=x&depth=-1", HttpStatusCode.BadRequest, "depth parameter must be a whole number")]
    [InlineData("/lineage?nodeId=x&depth=two", HttpStatusCode.BadRequest, "depth parameter must be a whole number")]
    [InlineData("/lineage?nodeId=x&direction=sideways", HttpStatusCode.BadRequest, "direction parameter must be upstream, downstream or both")]
    [InlineData("/api/v1/lineage/column-lineage?dataset=no-such-dataset", HttpStatusCode.NotFound, "no asset named 'no-such-dataset'")]
    public async Task Bad_graph_queries_are_clear_errors(string path, HttpStatusCode status, string message)
    {
        var response = await Api.GetAsync(path);

        Assert.Equal(status, response.Status);
        Assert.Contains(message, response.ErrorMessage);
    }
}

public sealed class SqliteLineageGraphApiTests(SqliteApiFactory factory) : LineageGraphApiTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class PostgresLineageGraphApiTests(PostgresApiFactory factory) : LineageGraphApiTests(factory), IClassFixture<PostgresApiFactory>;
