using System.Text.Json;
using Mastro.Bench.Measure;
using Mastro.Bench.Support;

namespace Mastro.Bench.Scenarios;

/// <summary>
/// <c>GET /asset/name/:name/lineage?depth=5</c> around random nodes of a graph of <see cref="BenchSizes.GraphNodes"/>
/// assets, each depending on one or two of the 1,000 assets before it; one client, queries one after another
/// (target p99 &lt; 50 ms).
/// </summary>
public sealed class LineageScenario : IScenario
{
    private const int Depth = 5;

    public string Name => "lineage";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var nodes = context.Sizes.GraphNodes;
        await using var server = await RunningMastro.StartSqliteAsync(context, "lineage", cancellationToken);
        await BulkUpload.RunAsync(server, 0, nodes, cancellationToken);
        if (await RouteProbe.ProblemAsync(Request(server.BaseUrl, 1), 200, cancellationToken) is { } problem)
        {
            context.Report.NotMeasurable("lineage.depth5.p99", problem);
            return;
        }

        var load = new LoadGenerator(1, context.Sizes.WarmUp / 2, context.Sizes.Window / 2);
        var result = await load.RunAsync((_, n) => Request(server.BaseUrl, new Mix(n).Next(nodes)), 200, cancellationToken);
        var sizes = await GraphSizesAsync(server.BaseUrl, nodes, cancellationToken);
        var note = $"{nodes:N0} nodes; answers of {sizes.Average():0} nodes on average, {sizes.Max()} at most; {result.Latencies.Count} queries" +
                   (result.Failures == 0 ? "" : $", {result.Failures} FAILED");
        context.Report.Add(new Figure("lineage.depth5.p50", result.P50Ms, "ms"));
        context.Report.Add(new Figure("lineage.depth5.p99", result.P99Ms, "ms") { Target = Target.Below(50), Note = note });
    }

    private static HttpRequestMessage Request(string baseUrl, int node) =>
        new(HttpMethod.Get, $"{baseUrl}/asset/name/{AssetGenerator.NameOf(node)}/lineage?direction=both&depth={Depth}");

    /// <summary>How many nodes a sample of answers holds: the work each query does.</summary>
    private static async Task<List<int>> GraphSizesAsync(string baseUrl, int nodes, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var sizes = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await http.SendAsync(Request(baseUrl, new Mix(-i).Next(nodes)), cancellationToken);
            using var graph = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            sizes.Add(graph.RootElement.GetProperty("graph").GetArrayLength());
        }
        return sizes;
    }
}
