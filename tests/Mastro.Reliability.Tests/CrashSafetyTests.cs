using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mastro.Reliability.Tests.Support;
using Mastro.Testing;

namespace Mastro.Reliability.Tests;

/// <summary>
/// Guarantee 1: <c>kill -9</c> in the middle of a stream of bulk upserts loses no acknowledged batch and leaves no
/// unacknowledged batch half-written.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int Writers = 4;
    private const int BatchSize = 50;
    private const int AcknowledgedBeforeKill = 40;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private enum Outcome { Acknowledged, Refused, NoAnswer }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Acknowledged_batches_survive_kill_9_and_unacknowledged_ones_are_all_or_nothing(StoreKind store)
    {
        var server = await ServerUnderTest.StartAsync(store, _directory);
        await using var _ = server;
        var outcomes = new ConcurrentDictionary<string, Outcome>();
        var writers = Enumerable.Range(0, Writers).Select(w => WriteUntilTheServerDiesAsync(server, $"w{w}", outcomes)).ToList();

        await Polling.UntilAsync(() => outcomes.Values.Count(o => o == Outcome.Acknowledged) >= AcknowledgedBeforeKill,
            TimeSpan.FromSeconds(30), $"{AcknowledgedBeforeKill} acknowledged batches");
        await server.KillAsync();
        await Task.WhenAll(writers);
        await server.RestartAsync();

        using var http = server.CreateClient();
        var present = (await Catalogue.ListAllAssetsAsync(http))
            .GroupBy(a => Catalogue.Label(a, "batch"))
            .ToDictionary(g => g.Key, g => g.Select(a => (string)a["name"]!).ToHashSet());
        int Present(string batch) => present.TryGetValue(batch, out var names)
            ? Enumerable.Range(0, BatchSize).Count(i => names.Contains($"{batch}-{i}"))
            : 0;
        var acknowledged = outcomes.Where(o => o.Value == Outcome.Acknowledged).Select(o => o.Key).ToList();
        var unacknowledged = outcomes.Where(o => o.Value != Outcome.Acknowledged).Select(o => o.Key).ToList();
        var acknowledgedIncomplete = acknowledged.Count(b => Present(b) != BatchSize);
        var unacknowledgedPartial = unacknowledged.Count(b => Present(b) is not 0 and not BatchSize);
        var unacknowledgedCommitted = unacknowledged.Count(b => Present(b) == BatchSize);
        var afterRestart = await http.PutAsJsonAsync("/assets/", new JsonArray(Catalogue.Asset("after-restart")));

        new Figures(output, $"crash-safety-{store.ToString().ToLowerInvariant()}")
            .Add("store", server.StoreDescription)
            .Add("writers", Writers)
            .Add("assets per batch", BatchSize)
            .Add("batches acknowledged (201) before kill -9", acknowledged.Count)
            .Add("batches in flight or refused at kill -9 (no 201)", unacknowledged.Count)
            .Add("answers other than 201 before the kill", outcomes.Values.Count(o => o == Outcome.Refused))
            .Add("assets stored after restart", present.Values.Sum(n => n.Count))
            .Add("acknowledged batches not fully present", acknowledgedIncomplete)
            .Add("unacknowledged batches partly present", unacknowledgedPartial)
            .Add("unacknowledged batches fully present (committed, answer lost)", unacknowledgedCommitted)
            .Add("write after restart", (int)afterRestart.StatusCode)
            .Publish();

        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill);
        Assert.Equal(0, acknowledgedIncomplete);
        Assert.Equal(0, unacknowledgedPartial);
        Assert.DoesNotContain(Outcome.Refused, outcomes.Values);
        Assert.Equal(HttpStatusCode.Created, afterRestart.StatusCode);
    }

    /// <summary>Sends batch after batch until a request gets no answer (the server is gone), recording each outcome.</summary>
    private static async Task WriteUntilTheServerDiesAsync(ServerUnderTest server, string writer, ConcurrentDictionary<string, Outcome> outcomes)
    {
        using var http = server.CreateClient(TimeSpan.FromSeconds(20));
        for (var sequence = 0; ; sequence++)
        {
            var batch = $"{writer}-b{sequence}";
            var assets = new JsonArray(Enumerable.Range(0, BatchSize)
                .Select(i => (JsonNode)Catalogue.Asset($"{batch}-{i}", new JsonObject { ["batch"] = batch, ["position"] = i }))
                .ToArray());
            outcomes[batch] = Outcome.NoAnswer;
            try
            {
                using var response = await http.PutAsJsonAsync("/assets/", assets);
                outcomes[batch] = response.StatusCode == HttpStatusCode.Created ? Outcome.Acknowledged : Outcome.Refused;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return;
            }
        }
    }
}
