using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mastro.Reliability.Tests.Support;
using Mastro.Testing;

namespace Mastro.Reliability.Tests;

/// <summary>
/// Guarantee 6: slowloris-style clients (headers dribbled byte by byte, bodies far below the minimum rate) and many
/// idle connections do not starve other clients, and the server cuts the slow ones off within its limits
/// (src/Mastro.Server/Http/ConnectionLimits.cs).
/// </summary>
public sealed class SlowClientTests(ITestOutputHelper output) : IDisposable
{
    private const int IdleConnections = 500;
    private const int SlowHeaderClients = 50;
    private const int SlowBodyClients = 50;
    /// <summary>Above Kestrel's default minimum (240 bytes/s), below Mastro's (1 KiB/s): only the configured limit cuts it.</summary>
    private const int SlowBodyBytesPerSecond = 500;
    private static readonly TimeSpan NormalTraffic = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan SlowestAcceptable = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Slow_and_idle_clients_do_not_starve_others_and_slow_ones_are_cut_off()
    {
        var server = await ServerUnderTest.StartAsync(StoreKind.Sqlite, _directory);
        await using var _ = server;
        var port = new Uri(server.Url).Port;
        using var giveUp = new CancellationTokenSource(GiveUpAfter);
        var idle = Enumerable.Range(0, IdleConnections).Select(_ => new SlowClient(port, "", "", TimeSpan.Zero)).ToList();
        var slowHeaders = Enumerable.Range(0, SlowHeaderClients)
            .Select(_ => new SlowClient(port, "GET /assets/ HTTP/1.1\r\nHost: 127.0.0.1\r\n", "X", TimeSpan.FromSeconds(1))).ToList();
        var slowBodies = Enumerable.Range(0, SlowBodyClients)
            .Select(_ => new SlowClient(port, "PUT /assets/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\n[",
                new string(' ', SlowBodyBytesPerSecond / 10), TimeSpan.FromMilliseconds(100))).ToList();
        var attackers = idle.Concat(slowHeaders).Concat(slowBodies).Select(c => c.RunAsync(giveUp.Token)).ToList();

        await Task.Delay(500);
        var normal = await NormalClientAsync(server);
        await Task.WhenAll(slowHeaders.Concat(slowBodies).Select(c => Polling.UntilAsync(() => c.HeldFor is not null || giveUp.IsCancellationRequested, GiveUpAfter + TimeSpan.FromSeconds(5), "slow clients")));
        var idleStillOpen = idle.Count(c => c.HeldFor is null);
        await giveUp.CancelAsync();
        await Task.WhenAll(attackers);

        static string Held(IEnumerable<SlowClient> clients) => clients.All(c => c.HeldFor is not null)
            ? $"{clients.Min(c => c.HeldFor!.Value.TotalSeconds):F1}–{clients.Max(c => c.HeldFor!.Value.TotalSeconds):F1} s"
            : $"{clients.Count(c => c.HeldFor is null)} never cut off";
        new Figures(output, "slow-clients")
            .Add("idle connections / still open at the end (KeepAliveTimeout 130 s)", $"{IdleConnections} / {idleStillOpen}")
            .Add("slowloris header clients (1 byte/s)", SlowHeaderClients)
            .Add("  cut off after", Held(slowHeaders))
            .Add("slow body clients", $"{SlowBodyClients} at {SlowBodyBytesPerSecond} bytes/s")
            .Add("  cut off after", Held(slowBodies))
            .Add("  answers", string.Join(", ", slowBodies.GroupBy(c => c.Answer ?? "closed").Select(g => $"{g.Key} ×{g.Count()}")))
            .Add("normal requests meanwhile / failed", $"{normal.Count} / {normal.Count(r => r.Status is < 200 or > 299)}")
            .Add("normal requests: median / slowest", $"{Median(normal).TotalMilliseconds:F0} ms / {normal.Max(r => r.Duration).TotalMilliseconds:F0} ms")
            .Publish();

        Assert.All(normal, r => Assert.InRange(r.Status, 200, 299));
        Assert.True(normal.Max(r => r.Duration) < SlowestAcceptable, $"slowest normal request took {normal.Max(r => r.Duration)}");
        Assert.All(slowHeaders, c => Assert.InRange(c.HeldFor ?? TimeSpan.MaxValue, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(14)));
        Assert.All(slowBodies, c => Assert.InRange(c.HeldFor ?? TimeSpan.MaxValue, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(12)));
        Assert.Equal(IdleConnections, idleStillOpen);
    }

    /// <summary>A well-behaved client reading and writing while the attack goes on.</summary>
    private static async Task<List<RequestRecord>> NormalClientAsync(ServerUnderTest server)
    {
        var log = new RequestLog();
        using var http = server.CreateClient(TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < NormalTraffic; i++)
        {
            var name = $"normal-{i}";
            await log.SendAsync(http, "put", h => h.PutAsJsonAsync("/asset/", Catalogue.Asset(name)));
            await log.SendAsync(http, "get", h => h.GetAsync($"/asset/name/{name}"));
            await log.SendAsync(http, "search", h => h.PostAsJsonAsync("/assets/search", new JsonObject { ["query"] = "normal" }));
        }
        return [.. log.Records];
    }

    private static TimeSpan Median(IReadOnlyList<RequestRecord> records) =>
        records.Select(r => r.Duration).Order().ElementAt(records.Count / 2);
}
