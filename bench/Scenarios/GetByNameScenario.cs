using Mastro.Bench.Measure;
using Mastro.Bench.Support;

namespace Mastro.Bench.Scenarios;

/// <summary>
/// <c>GET /asset/name/:name</c> of random loaded assets from 32 concurrent clients, against a bare Kestrel endpoint
/// answering the same number of bytes (target ≥ 0.6× its throughput); p50 and p99 reported.
/// </summary>
public sealed class GetByNameScenario : IScenario
{
    private const int Clients = 32;

    public string Name => "get-by-name";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var catalogue = await context.CatalogueAsync(cancellationToken);
        using var http = new HttpClient();
        var body = await http.GetByteArrayAsync($"{catalogue.Server.BaseUrl}/asset/name/{AssetGenerator.NameOf(0)}", cancellationToken);

        var load = new LoadGenerator(Clients, context.Sizes.WarmUp, context.Sizes.Window);
        var cpu = catalogue.Server.Process.CpuTime();
        var mastro = await load.RunAsync((worker, n) =>
        {
            var random = new Mix(worker * 1_000_003L + n);
            var name = AssetGenerator.NameOf(random.Next((int)catalogue.Assets));
            return new HttpRequestMessage(HttpMethod.Get, $"{catalogue.Server.BaseUrl}/asset/name/{name}");
        }, 200, cancellationToken);
        // Per request answered in the window; the warm-up's requests make it a slight overestimate.
        var cpuPerRequest = (catalogue.Server.Process.CpuTime() - cpu) / (mastro.RequestsPerSecond * (context.Sizes.WarmUp + context.Sizes.Window).TotalSeconds);

        var (bare, bareUrl) = await BareKestrel.StartAsync(context, body, cancellationToken);
        LoadResult limit;
        await using (bare)
            limit = await load.RunAsync((_, _) => new HttpRequestMessage(HttpMethod.Get, $"{bareUrl}/asset"), 200, cancellationToken);

        var note = $"{catalogue.Assets:N0} assets, {Clients} clients, {body.Length} B answers, " +
                   $"server CPU {cpuPerRequest.TotalMicroseconds:0} µs/request" + Failures(mastro);
        context.Report.Add(new Figure("get-by-name.throughput", mastro.RequestsPerSecond, "req/s")
        {
            Limit = new Limit("bare-kestrel", limit.RequestsPerSecond, "req/s"),
            Target = Target.AtLeast(0.6),
            Note = note,
        });
        context.Report.Add(new Figure("get-by-name.p50", mastro.P50Ms, "ms") { Note = $"bare-kestrel {limit.P50Ms:0.00} ms" });
        context.Report.Add(new Figure("get-by-name.p99", mastro.P99Ms, "ms") { Note = $"bare-kestrel {limit.P99Ms:0.00} ms" });
    }

    private static string Failures(LoadResult result) => result.Failures == 0 ? "" : $", {result.Failures} FAILED requests";
}
