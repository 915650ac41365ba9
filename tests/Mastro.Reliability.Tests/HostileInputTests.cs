using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mastro.Reliability.Tests.Support;
using Mastro.Testing;

namespace Mastro.Reliability.Tests;

/// <summary>
/// Guarantee 4: at least 10,000 malformed or hostile requests from a seeded generator (<see cref="HostileRequests"/>)
/// get no 5xx, crash nothing, and leave the valid data seeded before them unchanged.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20260301;
    private const int Requests = 10_000;
    private const int Parallelism = 8;
    /// <summary>Smaller than the default 16 MiB, so bodies over the limit are many and quick to send.</summary>
    private const int MaxBodyBytes = 256 * 1024;
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private sealed record Outcome(HostileRequest Request, RawAnswer Answer);

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Ten_thousand_hostile_requests_get_no_5xx_crash_nothing_and_leave_seeded_data_unchanged(StoreKind store)
    {
        var server = await ServerUnderTest.StartAsync(store, _directory, $"  max-body-bytes: {MaxBodyBytes}");
        await using var _ = server;
        using var http = server.CreateClient();
        var seeded = await SeedAsync(http);
        var before = await SnapshotAsync(http, seeded);
        var port = new Uri(server.Url).Port;
        var generator = new HostileRequests(Seed, $"127.0.0.1:{port}", MaxBodyBytes);
        var outcomes = new ConcurrentBag<Outcome>();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (index, _) =>
        {
            var request = generator.Create(index);
            outcomes.Add(new Outcome(request, await RawHttp.SendAsync(port, request.Bytes, AnswerTimeout)));
        });
        var elapsed = clock.Elapsed;

        var alive = !server.Process.HasExited;
        var liveness = alive ? (await http.GetAsync("/healthz")).StatusCode : 0;
        var after = alive ? await SnapshotAsync(http, seeded) : [];
        var changed = before.Count(item => !after.TryGetValue(item.Key, out var now) || now != item.Value);
        // 505 is Kestrel's answer to a request line claiming HTTP/0.9, /1.2, /2.0… over HTTP/1: the protocol's prescribed
        // refusal, given before Mastro sees the request, not a server failure. Every other 5xx counts.
        var versionRefusals = outcomes.Count(o => o.Answer.Status == 505);
        var serverErrors = outcomes.Where(o => o.Answer.Status >= 500 && o.Answer.Status != 505).ToList();
        var unanswered = outcomes.Where(o => o.Answer.Status == 0).ToList();
        var name = $"hostile-input-{store.ToString().ToLowerInvariant()}";
        server.SaveLog(name);

        var figures = new Figures(output, name)
            .Add("seed", Seed)
            .Add("requests sent", outcomes.Count)
            .Add("wall time", elapsed)
            .Add("answers by status", string.Join(", ", outcomes.GroupBy(o => o.Answer.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")))
            .Add("5xx answers (server failures)", serverErrors.Count)
            .Add("505 answers (unsupported HTTP version in the request line, from Kestrel)", versionRefusals)
            .Add("connections closed without an answer", unanswered.Count(o => o.Answer.NoAnswerReason!.StartsWith("connection", StringComparison.Ordinal) || o.Answer.NoAnswerReason.StartsWith("socket", StringComparison.Ordinal)))
            .Add("requests left hanging (no answer within 15 s)", unanswered.Count(o => o.Answer.NoAnswerReason!.StartsWith("no answer", StringComparison.Ordinal)))
            .Add("slowest answer", outcomes.Max(o => o.Answer.Duration))
            .Add("server still running / healthz", $"{alive} / {(int)liveness}")
            .Add("seeded items (assets, feature sets, metric sets, listing)", before.Count)
            .Add("seeded items changed", changed);
        foreach (var category in outcomes.GroupBy(o => o.Request.Category).OrderBy(g => g.Key))
            figures.Add($"  {category.Key}", string.Join(", ", category.GroupBy(o => o.Answer.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))
                + $" (mean {category.Average(o => o.Answer.Duration.TotalMilliseconds):F1} ms)");
        foreach (var example in serverErrors.Concat(unanswered).Take(12).Concat(outcomes.Where(o => o.Answer.Status == 505).Take(3)))
            figures.Add("  example", $"{example.Answer.Status} {example.Answer.NoAnswerReason} ← {example.Request.Category}: {example.Request.Description}");
        figures.Publish();

        Assert.True(outcomes.Count >= 10_000);
        Assert.True(alive, "the server process exited");
        Assert.Equal(HttpStatusCode.OK, liveness);
        Assert.Empty(serverErrors);
        Assert.DoesNotContain(unanswered, o => o.Answer.NoAnswerReason!.StartsWith("no answer", StringComparison.Ordinal));
        Assert.Equal(0, changed);
    }

    private sealed record Seeded(IReadOnlyList<string> AssetNames, IReadOnlyList<string> SetLocations);

    /// <summary>Valid data of every kind: assets, feature sets and metric sets.</summary>
    private static async Task<Seeded> SeedAsync(HttpClient http)
    {
        var names = Enumerable.Range(0, 20).Select(i => $"seed-{i}").ToList();
        var assets = new JsonArray(names.Select(n => (JsonNode)Catalogue.Asset(n, new JsonObject { ["seed"] = "true", ["owner"] = "team a" }, "seed", "hostile-test")).ToArray());
        (await http.PutAsJsonAsync("/assets/", assets)).EnsureSuccessStatusCode();
        var locations = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var response = await http.PutAsJsonAsync("/featureset/", new JsonObject
            {
                ["name"] = $"seed-fs-{i % 2}", ["version"] = $"v{i}", ["description"] = "seeded",
                ["labels"] = new JsonObject { ["seed"] = "true" },
                ["features"] = new JsonArray(new JsonObject { ["name"] = "f", ["value"] = i, ["data_type"] = "int" }),
            });
            response.EnsureSuccessStatusCode();
            locations.Add(response.Headers.Location!.OriginalString);
        }
        for (var i = 0; i < 2; i++)
        {
            var response = await http.PutAsync("/metricstore/", new StringContent($$$"""
                {"name":"seed-ms","version":"v{{{i}}}","description":"seeded","labels":{"seed":"true"},"metrics":[{"resultKey":{"dataSetDate":1700000000000,"tags":{}},
                 "analyzerContext":{"metricMap":[{"analyzer":{"analyzerName":"Size"},"metric":{"metricName":"DoubleMetric","entity":"Dataset","instance":"*","name":"Size","value":{{{i + 5}}}.0}}]}}]}
                """));
            response.EnsureSuccessStatusCode();
            locations.Add(response.Headers.Location!.OriginalString);
        }
        return new Seeded(names, locations);
    }

    /// <summary>The exact JSON of every seeded item, and the listing of assets labelled as seeded.</summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(HttpClient http, Seeded seeded)
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var name in seeded.AssetNames)
            snapshot[name] = await http.GetStringAsync($"/asset/name/{name}");
        foreach (var location in seeded.SetLocations)
            snapshot[location] = await http.GetStringAsync(location);
        var listing = await http.PostAsJsonAsync("/assets/labels", new JsonObject { ["labels"] = new JsonObject { ["seed"] = "true" }, ["limit"] = 1000 });
        snapshot["assets labelled seed"] = await listing.Content.ReadAsStringAsync();
        return snapshot;
    }
}
