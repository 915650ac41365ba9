using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mastro.Reliability.Tests.Support;
using Mastro.Testing;

namespace Mastro.Reliability.Tests;

/// <summary>
/// Guarantee 3: 32 concurrent writers upsert overlapping asset names (in different orders, so PostgreSQL row locks
/// collide) and add feature sets under shared names. No 5xx, no duplicate asset, every stored asset is one whole
/// acknowledged write, no write is lost beyond last-writer-wins, no feature set is lost or doubled, nothing deadlocks
/// (the server counts no colliding transaction, and every request is answered within the client's timeout). How long
/// the slowest upsert waited is reported, not judged: it depends on how busy the machine is (benchmarks are in bench/).
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output) : IDisposable
{
    private const int Writers = 32;
    private const int Rounds = 12;
    private const int SharedNames = 48;
    private const int NamesPerWrite = 12;
    private const int SharedFeatureSetNames = 8;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>One acknowledged-or-not bulk upsert: which names it carried, when it was sent and when it was answered.</summary>
    private sealed record AssetWrite(string Id, IReadOnlyList<string> Names, long SentAt, long AnsweredAt, int Status);

    private sealed record FeatureSetWrite(string Name, string Id, string? Location, int Status);

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Concurrent_writers_lose_nothing_beyond_last_writer_wins_and_never_see_a_5xx(StoreKind store)
    {
        var server = await ServerUnderTest.StartAsync(store, _directory);
        await using var _ = server;
        var assetWrites = new ConcurrentBag<AssetWrite>();
        var featureSetWrites = new ConcurrentBag<FeatureSetWrite>();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(server, w, assetWrites, featureSetWrites))));
        var elapsed = clock.Elapsed;

        using var http = server.CreateClient();
        var stored = await Catalogue.ListAllAssetsAsync(http);
        var acknowledged = assetWrites.Where(w => w.Status == 201).ToList();
        var byId = acknowledged.ToDictionary(w => w.Id);
        var duplicates = stored.GroupBy(a => (string)a["name"]!).Count(g => g.Count() > 1);
        var namesWritten = acknowledged.SelectMany(w => w.Names).ToHashSet();
        var notWholeWrites = stored.Count(asset => !IsOneWholeWrite(asset, byId));
        var lostUpdates = stored.Count(asset => byId.TryGetValue(Catalogue.Label(asset, "write"), out var winner)
            && acknowledged.Any(other => other.Names.Contains((string)asset["name"]!) && other.SentAt > winner.AnsweredAt));
        var featureSetProblems = await FeatureSetProblemsAsync(http, featureSetWrites.Where(w => w.Status == 201).ToList());
        var statuses = assetWrites.Select(w => w.Status).Concat(featureSetWrites.Select(w => w.Status)).ToList();
        var collisions = await CollidedTransactionsAsync(http);
        var slowest = TimeSpan.FromTicks(assetWrites.Max(w => w.AnsweredAt - w.SentAt) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);

        var name = $"concurrency-{store.ToString().ToLowerInvariant()}";
        server.SaveLog(name);
        new Figures(output, name)
            .Add("writers", Writers)
            .Add("bulk upserts / feature set PUTs", $"{assetWrites.Count} / {featureSetWrites.Count}")
            .Add("shared asset names / per upsert (random order)", $"{SharedNames} / {NamesPerWrite}")
            .Add("shared feature set names", SharedFeatureSetNames)
            .Add("wall time", elapsed)
            .Add("slowest upsert", slowest)
            .Add("answers by status", string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")))
            .Add("5xx answers", statuses.Count(s => s >= 500))
            .Add("transactions that collided (deadlock, serialization failure)", collisions)
            .Add("assets stored / distinct names acknowledged", $"{stored.Count} / {namesWritten.Count}")
            .Add("duplicate asset names", duplicates)
            .Add("stored assets not one whole acknowledged write", notWholeWrites)
            .Add("stored assets older than a later acknowledged write (lost updates)", lostUpdates)
            .Add("feature sets acknowledged", featureSetWrites.Count(w => w.Status == 201))
            .Add("feature set problems (lost, doubled, unreadable)", featureSetProblems.Count)
            .Publish();

        Assert.All(statuses, s => Assert.Equal(201, s));
        Assert.Equal(namesWritten.Count, stored.Count);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, notWholeWrites);
        Assert.Equal(0, lostUpdates);
        Assert.Empty(featureSetProblems);
        Assert.Equal(0, collisions);
    }

    private static async Task WriteAsync(ServerUnderTest server, int writer, ConcurrentBag<AssetWrite> assetWrites, ConcurrentBag<FeatureSetWrite> featureSetWrites)
    {
        var random = new Random(writer);
        using var http = server.CreateClient();
        for (var round = 0; round < Rounds; round++)
        {
            var id = $"w{writer}-r{round}";
            var names = Enumerable.Range(0, SharedNames).OrderBy(_ => random.Next()).Take(NamesPerWrite).Select(i => $"shared-{i}").ToList();
            var body = new JsonArray(names.Select(name => (JsonNode)Catalogue.Asset(name, new JsonObject { ["write"] = id }, $"w{writer}", $"r{round}")).ToArray());
            var sentAt = Stopwatch.GetTimestamp();
            var status = await StatusOfAsync(() => http.PutAsJsonAsync("/assets/", body));
            assetWrites.Add(new AssetWrite(id, names, sentAt, Stopwatch.GetTimestamp(), status.Code));

            var featureSet = new JsonObject
            {
                ["name"] = $"fs-shared-{random.Next(SharedFeatureSetNames)}",
                ["version"] = $"v{round}",
                ["description"] = id,
                ["labels"] = new JsonObject { ["write"] = id },
                ["features"] = new JsonArray(new JsonObject { ["name"] = "writer", ["value"] = writer, ["data_type"] = "int" }),
            };
            var answer = await StatusOfAsync(() => http.PutAsJsonAsync("/featureset/", featureSet));
            featureSetWrites.Add(new FeatureSetWrite((string)featureSet["name"]!, id, answer.Location, answer.Code));
        }
    }

    /// <summary>The answer's status and Location, or status 0 when none came in time (a hang is a finding, not a crash of the test).</summary>
    private static async Task<(int Code, string? Location)> StatusOfAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            return ((int)response.StatusCode, response.Headers.Location?.OriginalString);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, null);
        }
    }

    /// <summary>
    /// Transactions the server ran again or gave up because they collided with concurrent ones, from its Prometheus
    /// metrics (the series appears with the first collision, so no series means none).
    /// </summary>
    private static async Task<double> CollidedTransactionsAsync(HttpClient http)
    {
        const string series = "mastro_store_transaction_collisions_total{";
        var metrics = await http.GetStringAsync("/metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith(series, StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>The stored asset carries the labels, tags and description of exactly one acknowledged write that named it.</summary>
    private static bool IsOneWholeWrite(JsonObject asset, IReadOnlyDictionary<string, AssetWrite> acknowledged)
    {
        var id = Catalogue.Label(asset, "write");
        if (!acknowledged.TryGetValue(id, out var write) || !write.Names.Contains((string)asset["name"]!)) return false;
        var parts = id.Split('-');
        var tags = asset["tags"]!.AsArray().Select(t => (string)t!).ToList();
        return tags.SequenceEqual([parts[0], parts[1]]) && (string?)asset["description"] == $"reliability test asset {asset["name"]}";
    }

    /// <summary>Each acknowledged feature set is stored exactly once under its name and readable at its Location.</summary>
    private static async Task<List<string>> FeatureSetProblemsAsync(HttpClient http, IReadOnlyList<FeatureSetWrite> acknowledged)
    {
        var problems = new List<string>();
        foreach (var group in acknowledged.GroupBy(w => w.Name))
        {
            var page = await http.GetFromJsonAsync<JsonObject>($"/featureset/name/{group.Key}?limit=1000");
            var stored = page!["data"]!.AsArray().Select(s => Catalogue.Label(s!.AsObject(), "write")).ToList();
            var expected = group.Select(w => w.Id).ToList();
            if (!stored.Order().SequenceEqual(expected.Order()))
                problems.Add($"{group.Key}: stored [{string.Join(',', stored.Order())}], acknowledged [{string.Join(',', expected.Order())}]");
        }
        foreach (var write in acknowledged)
        {
            using var response = await http.GetAsync(write.Location);
            if (response.StatusCode != HttpStatusCode.OK
                || Catalogue.Label((await response.Content.ReadFromJsonAsync<JsonObject>())!, "write") != write.Id)
                problems.Add($"{write.Id}: {write.Location} answered {(int)response.StatusCode}");
        }
        return problems;
    }
}
