using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mastro.Reliability.Tests.Support;
using Mastro.Testing;

namespace Mastro.Reliability.Tests;

/// <summary>
/// Guarantee 2: PostgreSQL stops under load. Requests are answered 503 with <c>Retry-After</c> (and <c>/readyz</c>
/// fails) rather than hanging or failing with 500; when PostgreSQL is back, the same Mastro process serves again and
/// every acknowledged write is there.
/// </summary>
[Collection(PostgresOutageCollection.Name)]
public sealed class StoreOutageTests(ITestOutputHelper output) : IDisposable
{
    private const int Writers = 4;
    private const int Readers = 2;
    private const int BatchSize = 10;
    private static readonly TimeSpan LoadBeforeOutage = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LoadAfterRecovery = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan SlowestAcceptable = TimeSpan.FromSeconds(5);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_postgres_outage_is_answered_503_with_retry_after_and_mastro_recovers_without_a_restart()
    {
        var postgres = await PostgresServer.GetAsync();
        var server = await ServerUnderTest.StartAsync(StoreKind.Postgres, _directory);
        await using var _ = server;
        var log = new RequestLog();
        var acknowledged = new ConcurrentBag<string>();
        using var stopLoad = new CancellationTokenSource();
        var load = Enumerable.Range(0, Writers).Select(w => WriteAsync(server, log, $"w{w}", acknowledged, stopLoad.Token))
            .Concat(Enumerable.Range(0, Readers).Select(_ => ReadAsync(server, log, stopLoad.Token)))
            .ToList();
        using var probe = server.CreateClient(TimeSpan.FromSeconds(10));

        await Task.Delay(LoadBeforeOutage);
        var acknowledgedBeforeOutage = acknowledged.Count;
        await postgres.ControlAsync("-m", "immediate", "stop");
        var outageStarted = DateTimeOffset.UtcNow;
        await Task.Delay(Outage);
        var readinessDuringOutage = await log.SendAsync(probe, "readyz", http => http.GetAsync("/readyz"));
        var outageEnded = DateTimeOffset.UtcNow;
        await postgres.StartServerAsync();
        var postgresBack = DateTimeOffset.UtcNow;
        await Polling.UntilAsync(async () => (await probe.GetAsync("/readyz")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "/readyz after PostgreSQL restarted");
        var ready = DateTimeOffset.UtcNow;
        await Task.Delay(LoadAfterRecovery);
        var writesAfterRecovery = new RequestLog();
        using var after = server.CreateClient();
        for (var i = 0; i < 5; i++)
            await writesAfterRecovery.SendAsync(after, "put", http => http.PutAsJsonAsync("/assets/", Batch($"after-{i}")));
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);
        // A second outage that no request sees: when PostgreSQL is back, every idle pooled connection is broken.
        await postgres.ControlAsync("-m", "immediate", "stop");
        await postgres.StartServerAsync();
        var afterQuietOutage = new RequestLog();
        for (var i = 0; i < 10; i++)
            await afterQuietOutage.SendAsync(after, "list", http => http.GetAsync("/assets/?limit=5"));

        var records = log.Records;
        var duringOutage = records.Where(r => r.StartedAt >= outageStarted && r.StartedAt + r.Duration <= outageEnded).ToList();
        var afterReady = records.Where(r => r.StartedAt >= ready).ToList();
        var stored = (await Catalogue.ListAllAssetsAsync(after)).Select(a => (string)a["name"]!).ToHashSet();
        var acknowledgedMissing = acknowledged.Count(batch => Enumerable.Range(0, BatchSize).Any(i => !stored.Contains($"{batch}-{i}")));

        server.SaveLog("store-outage-postgres");
        new Figures(output, "store-outage-postgres")
            .Add("load", $"{Writers} bulk writers ({BatchSize} assets per PUT) and {Readers} readers, each sending again as soon as answered (10 ms pause after a failure)")
            .Add("outage", Outage)
            .Add("requests in total", records.Count)
            .Add("requests within the outage", duringOutage.Count)
            .Add("answers within the outage: 503", duringOutage.Count(r => r.Status == 503))
            .Add("answers within the outage: other", duringOutage.Count(r => r.Status != 503))
            .Add("503 answers without Retry-After", records.Count(r => r.Status == 503 && !r.HasRetryAfter))
            .Add("500 answers", records.Count(r => r.Status == 500))
            .Add("requests without an answer (hang, reset)", records.Count(r => r.Status == 0))
            .Add("slowest request", log.Slowest)
            .Add("/readyz during the outage", readinessDuringOutage.Status)
            .Add("ready again after PostgreSQL restarted", ready - postgresBack)
            .Add("requests after ready again / not 2xx", $"{afterReady.Count} / {afterReady.Count(r => r.Status is < 200 or > 299)}")
            .Add("bulk writes after recovery", string.Join(' ', writesAfterRecovery.Records.Select(r => r.Status)))
            .Add("batches acknowledged before the outage / in total", $"{acknowledgedBeforeOutage} / {acknowledged.Count}")
            .Add("acknowledged batches not fully present", acknowledgedMissing)
            .Add("requests right after an unnoticed outage", string.Join(' ', afterQuietOutage.Records.Select(r => r.Status)))
            .Publish();

        Assert.NotEmpty(duringOutage);
        Assert.All(duringOutage, r => Assert.Equal(503, r.Status));
        Assert.DoesNotContain(records, r => r.Status == 503 && !r.HasRetryAfter);
        Assert.DoesNotContain(records, r => r.Status is 0 or (>= 500 and not 503));
        Assert.True(log.Slowest < SlowestAcceptable, $"slowest request took {log.Slowest}");
        Assert.Equal(503, readinessDuringOutage.Status);
        Assert.All(afterReady, r => Assert.InRange(r.Status, 200, 299));
        Assert.All(writesAfterRecovery.Records, r => Assert.Equal(201, r.Status));
        Assert.True(acknowledgedBeforeOutage > 0);
        Assert.Equal(0, acknowledgedMissing);
        // The first request meets a broken connection and answers 503; Npgsql then drops the other broken ones.
        Assert.True(afterQuietOutage.Count(r => r.Status != 200) <= 1, "more than one request failed after PostgreSQL came back");
        Assert.All(afterQuietOutage.Records, r => Assert.True(r.Status == 200 || (r.Status == 503 && r.HasRetryAfter)));
    }

    private static JsonArray Batch(string batch) =>
        new(Enumerable.Range(0, BatchSize).Select(i => (JsonNode)Catalogue.Asset($"{batch}-{i}")).ToArray());

    private static async Task WriteAsync(ServerUnderTest server, RequestLog log, string writer, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        using var http = server.CreateClient(TimeSpan.FromSeconds(15));
        for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
        {
            var batch = $"{writer}-b{sequence}";
            var record = await log.SendAsync(http, "put", h => h.PutAsJsonAsync("/assets/", Batch(batch)));
            if (record.Status == 201) acknowledged.Add(batch);
            else await Task.Delay(10);
        }
    }

    private static async Task ReadAsync(ServerUnderTest server, RequestLog log, CancellationToken stop)
    {
        using var http = server.CreateClient(TimeSpan.FromSeconds(15));
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var record = i % 2 == 0
                ? await log.SendAsync(http, "list", h => h.GetAsync("/assets/?limit=20"))
                : await log.SendAsync(http, "search", h => h.PostAsJsonAsync("/assets/search", new JsonObject { ["query"] = "w1 b" }));
            if (record.Status != 200) await Task.Delay(10);
        }
    }
}
