using Mastro.Bench.Measure;
using Mastro.Bench.Support;

namespace Mastro.Bench.Scenarios;

/// <summary>
/// <c>GET /asset/name/:name</c> of random loaded assets from 32 concurrent clients, against a bare Kestrel endpoint
/// answering the same number of bytes (target ≥ 0.6× its throughput); p50 and p99 reported. The two are measured
/// in alternating rounds, and each round's ratio is printed beside the whole.
/// </summary>
public sealed class GetByNameScenario : IScenario
{
    private const int Clients = 32;
    private const int Rounds = 4;
    private static readonly TimeSpan RoundWarmUp = TimeSpan.FromSeconds(0.5);

    public string Name => "get-by-name";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var catalogue = await context.CatalogueAsync(cancellationToken);
        using var http = new HttpClient();
        var body = await http.GetByteArrayAsync($"{catalogue.Server.BaseUrl}/asset/name/{AssetGenerator.NameOf(0)}", cancellationToken);

        var (bareProcess, bareUrl) = await BareKestrel.StartAsync(context, body, cancellationToken);
        await using var bare = bareProcess;
        // Alternating rounds, both servers up throughout: on a shared machine whose speed drifts over minutes, each
        // round's two windows see about the same machine, so the drift moves both sides of the ratio together.
        var firstRound = new LoadGenerator(Clients, context.Sizes.WarmUp, context.Sizes.Window / Rounds);
        var laterRound = new LoadGenerator(Clients, RoundWarmUp, context.Sizes.Window / Rounds);
        List<LoadResult> mastroRounds = [], bareRounds = [];
        TimeSpan cpu = TimeSpan.Zero, bareCpu = TimeSpan.Zero;
        for (var round = 0; round < Rounds; round++)
        {
            var load = round == 0 ? firstRound : laterRound;
            var seed = round * 1_000_000_007L;
            cpu += await RunAsync(load, catalogue.Server.Process, mastroRounds, (worker, n) =>
            {
                var random = new Mix(worker * 1_000_003L + n + seed);
                var name = AssetGenerator.NameOf(random.Next((int)catalogue.Assets));
                return new HttpRequestMessage(HttpMethod.Get, $"{catalogue.Server.BaseUrl}/asset/name/{name}");
            }, cancellationToken);
            bareCpu += await RunAsync(load, bare, bareRounds, (_, _) => new HttpRequestMessage(HttpMethod.Get, $"{bareUrl}/asset"), cancellationToken);
        }
        var mastro = LoadResult.Combine(mastroRounds);
        var limit = LoadResult.Combine(bareRounds);
        // Per request answered in the windows; the warm-ups' requests make it a slight overestimate.
        var measured = context.Sizes.WarmUp + context.Sizes.Window + (Rounds - 1) * RoundWarmUp;
        var cpuPerRequest = cpu / (mastro.RequestsPerSecond * measured.TotalSeconds);
        var bareCpuPerRequest = bareCpu / (limit.RequestsPerSecond * measured.TotalSeconds);

        var note = $"{catalogue.Assets:N0} assets, {Clients} clients, {body.Length} B answers, {Rounds} alternating rounds, " +
                   $"rounds' ratios {string.Join(" / ", mastroRounds.Zip(bareRounds, (m, b) => $"{m.RequestsPerSecond / b.RequestsPerSecond:0.00}"))}, " +
                   $"server CPU {cpuPerRequest.TotalMicroseconds:0} µs/request (bare {bareCpuPerRequest.TotalMicroseconds:0})" + Failures(mastro);
        context.Report.Add(new Figure("get-by-name.throughput", mastro.RequestsPerSecond, "req/s")
        {
            Limit = new Limit("bare-kestrel", limit.RequestsPerSecond, "req/s"),
            Target = Target.AtLeast(0.6),
            Note = note,
        });
        context.Report.Add(new Figure("get-by-name.p50", mastro.P50Ms, "ms") { Note = $"bare-kestrel {limit.P50Ms:0.00} ms" });
        context.Report.Add(new Figure("get-by-name.p99", mastro.P99Ms, "ms") { Note = $"bare-kestrel {limit.P99Ms:0.00} ms" });
    }

    /// <summary>Runs one round against <paramref name="server"/>, adds its result to <paramref name="rounds"/> and returns the server's CPU time in it.</summary>
    private static async Task<TimeSpan> RunAsync(
        LoadGenerator load, ChildProcess server, List<LoadResult> rounds, Func<int, long, HttpRequestMessage> request,
        CancellationToken cancellationToken)
    {
        var before = server.CpuTime();
        rounds.Add(await load.RunAsync(request, 200, cancellationToken));
        return server.CpuTime() - before;
    }

    private static string Failures(LoadResult result) => result.Failures == 0 ? "" : $", {result.Failures} FAILED requests";
}
