using Mastro.Core.Lineage.Naming;

namespace Mastro.Core.Lineage;

/// <summary>
/// Node ids the graph route accepts: an asset name, or Marquez's <c>dataset:&lt;namespace&gt;:&lt;name&gt;</c> and
/// <c>job:&lt;namespace&gt;:&lt;name&gt;</c>. Namespaces and names may both contain colons (<c>s3://bucket</c>,
/// <c>file:/x</c>), so every split is a candidate; the first that names an asset wins.
/// </summary>
public static class LineageNodeIds
{
    private const string DatasetPrefix = "dataset:";
    private const string JobPrefix = "job:";

    /// <summary>Asset names <paramref name="nodeId"/> may stand for, most likely first (the id itself as an asset name first).</summary>
    public static IReadOnlyList<string> Candidates(string nodeId)
    {
        var candidates = new List<string> { nodeId };
        if (nodeId.StartsWith(DatasetPrefix, StringComparison.Ordinal))
            candidates.AddRange(Splits(nodeId[DatasetPrefix.Length..]).Select(s => DatasetNames.Identify(s.Namespace, s.Name).AssetName));
        else if (nodeId.StartsWith(JobPrefix, StringComparison.Ordinal))
            candidates.AddRange(Splits(nodeId[JobPrefix.Length..]).Select(s => JobNames.AssetName(s.Namespace, s.Name)));
        return candidates.Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<(string Namespace, string Name)> Splits(string rest)
    {
        for (var i = rest.IndexOf(':'); i >= 0; i = rest.IndexOf(':', i + 1))
            yield return (rest[..i], rest[(i + 1)..]);
    }
}
