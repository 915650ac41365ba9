namespace Mastro.Bench.Support;

/// <summary>How much data and how long each scenario loads: <c>quick</c> (under a minute in all) or <c>full</c> (the sizes).</summary>
public sealed record BenchSizes(
    string Mode,
    int Assets,
    int PostgresAssets,
    int GraphNodes,
    int Files,
    int Manifests,
    int ColdStarts,
    TimeSpan WarmUp,
    TimeSpan Window)
{
    public static readonly BenchSizes Quick = new("quick",
        Assets: 10_000, PostgresAssets: 5_000, GraphNodes: 5_000, Files: 10_000, Manifests: 1_000, ColdStarts: 3,
        WarmUp: TimeSpan.FromSeconds(0.5), Window: TimeSpan.FromSeconds(2));

    public static readonly BenchSizes Full = new("full",
        Assets: 1_000_000, PostgresAssets: 200_000, GraphNodes: 100_000, Files: 100_000, Manifests: 10_000, ColdStarts: 5,
        WarmUp: TimeSpan.FromSeconds(5), Window: TimeSpan.FromSeconds(20));

    /// <summary><c>--size N</c>: every scenario seeds N items (assets, graph nodes, files; a tenth of the files are manifests).</summary>
    public BenchSizes WithSize(int size) => this with
    {
        Assets = size, PostgresAssets = size, GraphNodes = size, Files = size, Manifests = Math.Max(1, size / 10),
    };
}
