using System.Text;
using Mastro.Bench.Measure;
using Mastro.Bench.Support;

namespace Mastro.Bench.Scenarios;

/// <summary>
/// <c>POST /api/v1/lineage</c> from 32 concurrent clients, each sending START then COMPLETE events of its runs
/// (one input, one output dataset with a schema facet, as the OpenLineage fluentd proxy's test events);
/// target ≥ 5,000 events/s. Into the shared catalogues of <see cref="BenchSizes.Assets"/> assets, on SQLite and on
/// PostgreSQL: every batch looks its datasets up in the catalogue, and an empty one would hide a look-up that grows
/// with it. <c>--store</c> limits a run to one store.
/// </summary>
public sealed class OpenLineageScenario : IScenario
{
    private const int Clients = 32;
    private const int Jobs = 1000;

    /// <summary>The warm-up is this many times the mode's (20 s in <c>full</c>).</summary>
    private const int WarmUpFactor = 4;

    public string Name => "openlineage";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        if (context.Measures("sqlite"))
            await MeasureAsync(context, await context.CatalogueAsync(cancellationToken), "openlineage.ingest", cancellationToken);
        if (context.Measures("postgres"))
            await MeasureAsync(context, await context.PostgresCatalogueAsync(cancellationToken), "openlineage.ingest.postgres", cancellationToken);
    }

    private static async Task MeasureAsync(BenchContext context, LoadedCatalogue catalogue, string figure, CancellationToken cancellationToken)
    {
        var server = catalogue.Server;
        if (await RouteProbe.ProblemAsync(Request(server.BaseUrl, -1, 0), 201, cancellationToken) is { } problem)
        {
            context.Report.NotMeasurable(figure, problem);
            return;
        }

        // A fresh server's JIT keeps recompiling hot methods for its first 10–20 s of this load (most of the
        // PostgreSQL path's CPU then, docs/PERFORMANCE.md "Thirteenth round"): the window measures the server warm,
        // as a long-running one meets a Spark fleet, and its CPU is read over the window alone.
        var warmUp = context.Sizes.WarmUp * WarmUpFactor;
        var window = context.Sizes.Window;
        var load = new LoadGenerator(Clients, warmUp, window).RunAsync((worker, n) => Request(server.BaseUrl, worker, n), 201, cancellationToken);
        await Task.Delay(warmUp, cancellationToken);
        var cpu = server.Process.CpuTime();
        var result = await load;
        var cpuPerEvent = (server.Process.CpuTime() - cpu) / (result.RequestsPerSecond * window.TotalSeconds);
        context.Report.Add(new Figure(figure, result.RequestsPerSecond, "events/s")
        {
            Target = Target.AtLeast(5_000),
            Note = $"{catalogue.Assets:N0} assets, {Clients} clients, p99 {result.P99Ms:0.0} ms, server CPU {cpuPerEvent.TotalMicroseconds:0} µs/event" +
                   (result.Failures == 0 ? "" : $", {result.Failures} FAILED"),
        });
    }

    /// <summary>Worker <paramref name="worker"/>'s event <paramref name="n"/>: even ones start a run, odd ones complete it.</summary>
    private static HttpRequestMessage Request(string baseUrl, int worker, long n)
    {
        var run = (long)worker << 40 | n / 2;
        var job = (int)(run % Jobs);
        var eventType = n % 2 == 0 ? "START" : "COMPLETE";
        var runId = new Guid((int)(run >> 32), (short)(run >> 16), (short)run, 0x80, 0, 0, 0, 0, 0, 0, 1);
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(n);
        var json = $$"""
            {"eventType": "{{eventType}}", "eventTime": "{{time:yyyy-MM-ddTHH:mm:ssZ}}",
             "run": {"runId": "{{runId}}"},
             "job": {"namespace": "bench", "name": "job_{{job}}"},
             "inputs": [{{Dataset($"raw_{job}")}}],
             "outputs": [{{Dataset($"clean_{job}")}}],
             "producer": "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client",
             "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent"}
            """;
        return new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/api/v1/lineage")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
    }

    private static string Dataset(string name) => $$"""
        {"namespace": "bench", "name": "{{name}}", "facets": {"schema": {
          "_producer": "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client",
          "_schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/SchemaDatasetFacet",
          "fields": [{"name": "a", "type": "INTEGER"}, {"name": "b", "type": "TIMESTAMP"}, {"name": "c", "type": "VARCHAR"}]} } }
        """;
}
