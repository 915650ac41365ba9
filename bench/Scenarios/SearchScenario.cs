using System.Text;
using System.Text.Json;
using Mastro.Bench.Measure;
using Mastro.Bench.Support;

namespace Mastro.Bench.Scenarios;

/// <summary>
/// <c>POST /assets/search</c> over the loaded catalogue, one client sending queries one after another (so the
/// latency is the query's, not a queue's): p50 and p99 per kind of query (target p99 &lt; 20 ms), on SQLite
/// (<c>search.*</c>) and on PostgreSQL (<c>search.postgres.*</c>); <c>--store</c> limits a run to one store.
/// </summary>
public sealed class SearchScenario : IScenario
{
    public string Name => "search";

    /// <summary>A kind of query a catalogue user types, built from a random number.</summary>
    private sealed record QueryKind(string Name, string Example, Func<int, string> Build);

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        if (context.Measures("sqlite"))
            await MeasureAsync(context, await context.CatalogueAsync(cancellationToken), "search", cancellationToken);
        if (context.Measures("postgres"))
            await MeasureAsync(context, await context.PostgresCatalogueAsync(cancellationToken), "search.postgres", cancellationToken);
    }

    private static async Task MeasureAsync(BenchContext context, LoadedCatalogue catalogue, string prefix, CancellationToken cancellationToken)
    {
        var assets = (int)catalogue.Assets;
        QueryKind[] kinds =
        [
            // One description word: ~8 × assets / 4,096 matches, more for the words also used as tags and columns.
            new("word", "a vocabulary word", r => AssetGenerator.Vocabulary[r % AssetGenerator.Vocabulary.Count]),
            // Two words of one asset's description: few matches.
            new("two-words", "two words of one description", r => string.Join(' ', AssetGenerator.Create(r % assets).Description.Split(' ')[..2])),
            // A domain and the start of a name word, as typed into a search box: "sales kalo".
            new("name-prefix", "domain + 4-letter name prefix", r =>
            {
                var name = AssetGenerator.NameOf(r % assets);
                return $"{name[..name.IndexOf('/')]} {name[(name.LastIndexOf('/') + 1)..][..4]}";
            }),
            // One dataset word that an eighth of all names contain: the broadest query.
            new("broad", "a dataset word in 1/8 of the names", r => AssetGenerator.DatasetWords[r % AssetGenerator.DatasetWords.Count]),
        ];

        var window = context.Sizes.Window / 3;
        foreach (var kind in kinds)
        {
            var load = new LoadGenerator(1, context.Sizes.WarmUp / 2, window);
            var result = await load.RunAsync((_, n) => Request(catalogue.Server.BaseUrl, kind.Build(new Mix(n).Next(int.MaxValue))), 200, cancellationToken);
            var note = $"{kind.Example}, {catalogue.Assets:N0} assets, {result.Latencies.Count} queries" +
                       (result.Failures == 0 ? "" : $", {result.Failures} FAILED");
            context.Report.Add(new Figure($"{prefix}.{kind.Name}.p50", result.P50Ms, "ms"));
            context.Report.Add(new Figure($"{prefix}.{kind.Name}.p99", result.P99Ms, "ms") { Target = Target.Below(20), Note = note });
        }
    }

    private static HttpRequestMessage Request(string baseUrl, string query) => new(HttpMethod.Post, $"{baseUrl}/assets/search")
    {
        Content = new StringContent(JsonSerializer.Serialize(new { query, limit = 10 }), Encoding.UTF8, "application/json"),
    };
}
