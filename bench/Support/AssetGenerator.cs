using System.Text.Json;
using Mastro.Core.Model;

namespace Mastro.Bench.Support;

/// <summary>
/// Deterministic, realistic assets: asset <c>i</c> is always the same, so any scenario can name or search for
/// assets that another one loaded. About 700 bytes of JSON each: a path-like name, eight description words
/// from a 4,096-word vocabulary, three tags, a four-column schema label and one or two upstream dependencies.
/// </summary>
public static class AssetGenerator
{
    private static readonly string[] Domains =
        ["sales", "finance", "marketing", "logistics", "people", "support", "web", "mobile",
         "payments", "risk", "inventory", "search", "ads", "billing", "crm", "sensors"];

    private static readonly string[] Datasets =
        ["orders", "events", "customers", "sessions", "invoices", "clicks", "devices", "tickets"];

    private static readonly string[] Types =
        [AssetTypes.Table, AssetTypes.Dataset, AssetTypes.Table, AssetTypes.Model, AssetTypes.Report, AssetTypes.Stream];

    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "be", "da", "fo", "gu", "ha", "ji", "ko", "la",
         "ma", "no", "pi", "qu", "re", "si", "tu", "va", "we", "xa", "yo", "zu", "bri", "cla", "dro", "fle"];

    /// <summary>About 4,096 distinct pseudo-words: every pair of syllables, a third picked by the pair, a fourth after the first 1,024.</summary>
    public static readonly IReadOnlyList<string> Vocabulary = Enumerable.Range(0, 4096)
        .Select(i => Syllables[i % 32] + Syllables[i / 32 % 32] + Syllables[(i * 7 + i / 32) % 32] + (i / 1024 == 0 ? "" : Syllables[i / 1024]))
        .Distinct()
        .ToList();

    public static IReadOnlyList<string> DatasetWords => Datasets;

    private static readonly JsonElement[] Formats = Elements("\"parquet\"", "\"csv\"", "\"delta\"", "\"avro\"");
    private static readonly JsonElement[] Owners = Elements(Enumerable.Range(0, 64).Select(i => $"\"team{i}\"").ToArray());
    private static readonly JsonElement[] RowCounts = Elements(Enumerable.Range(0, 64).Select(i => $"{i * 15_485_863L % 10_000_000}").ToArray());
    private static readonly JsonElement[] Schemas = Elements(Enumerable.Range(0, 64).Select(SchemaJson).ToArray());

    public static string NameOf(long i)
    {
        var random = new Mix(i);
        return $"{Domains[random.Next(Domains.Length)]}/{Datasets[random.Next(Datasets.Length)]}/{Word(ref random)}_{i:D7}";
    }

    public static Asset Create(long i)
    {
        var random = new Mix(i * 31 + 7);
        var upstream = i == 0 ? 0 : 1 + random.Next(2);
        return new Asset
        {
            Name = NameOf(i),
            Type = Types[i % Types.Length],
            PublishedOn = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
            Description = string.Join(' ', Enumerable.Range(0, 8).Select(_ => Word(ref random))),
            Tags = [Word(ref random, 256), Word(ref random, 256), Word(ref random, 256)],
            DependsOn = Enumerable.Range(0, upstream)
                .Select(_ => NameOf(i - 1 - random.Next((int)Math.Min(i, 1000))))
                .Distinct()
                .ToList(),
            Labels = new Dictionary<string, JsonElement>
            {
                ["owner"] = Owners[random.Next(Owners.Length)],
                ["format"] = Formats[random.Next(Formats.Length)],
                ["rows"] = RowCounts[random.Next(RowCounts.Length)],
                ["schema"] = Schemas[random.Next(Schemas.Length)],
            },
            Versions = new Dictionary<string, JsonElement> { ["1609459200"] = RowCounts[random.Next(RowCounts.Length)] },
        };
    }

    /// <summary>Assets <c>[from, from + size)</c>, one batch of a load.</summary>
    public static List<Asset> Batch(long from, int size) => Enumerable.Range(0, size).Select(i => Create(from + i)).ToList();

    /// <summary>A word of the vocabulary (of its first <paramref name="among"/> words).</summary>
    public static string Word(ref Mix random, int among = 4096) => Vocabulary[random.Next(Math.Min(among, Vocabulary.Count))];

    private static string SchemaJson(int i)
    {
        var random = new Mix(-1 - i);
        var columns = Enumerable.Range(0, 4).Select(_ => $"{{\"name\":\"{Word(ref random)}\",\"type\":\"{(random.Next(2) == 0 ? "int" : "string")}\"}}");
        return $"[{string.Join(',', columns)}]";
    }

    private static JsonElement[] Elements(params string[] json) =>
        json.Select(text => JsonDocument.Parse(text).RootElement.Clone()).ToArray();
}

/// <summary>SplitMix64: a tiny, seedable random sequence, so that generated data depends only on the seed.</summary>
public struct Mix(long seed)
{
    private ulong _state = (ulong)seed;

    public int Next(int max)
    {
        var z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return (int)((z ^ (z >> 31)) % (ulong)max);
    }
}
