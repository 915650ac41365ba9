using System.Text.Json.Serialization;
using Mastro.Core.Model;

namespace Mastro.Core.Lineage.Graph;

public enum LineageDirection
{
    Upstream,
    Downstream,
    Both,
}

/// <summary>The lineage graph around an asset, in Marquez's shape: <c>{"graph": [node…]}</c> (docs/LINEAGE-API.md).</summary>
public sealed record LineageGraph([property: JsonPropertyName("graph")] IReadOnlyList<LineageGraphNode> Graph)
{
    public const int DefaultDepth = 3;
    public const int MaxDepth = 10;
}

/// <param name="Id">The asset name.</param>
/// <param name="Type"><c>JOB</c> or <c>DATASET</c> (see <see cref="LineageNodeTypes"/>).</param>
public sealed record LineageGraphNode(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("data")] LineageNodeData Data,
    [property: JsonPropertyName("inEdges")] IReadOnlyList<LineageEdge> InEdges,
    [property: JsonPropertyName("outEdges")] IReadOnlyList<LineageEdge> OutEdges);

/// <param name="Type">The asset type; empty for a name that assets depend on but the catalogue does not hold.</param>
public sealed record LineageNodeData(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("last-discovered-at")] DateTimeOffset LastDiscoveredAt);

/// <summary>An edge pointing downstream: from an input to what is made from it.</summary>
public sealed record LineageEdge(
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("destination")] string Destination);

/// <summary>Marquez's two node kinds: jobs (things that run) and datasets (everything else).</summary>
public static class LineageNodeTypes
{
    public const string Job = "JOB";
    public const string Dataset = "DATASET";

    private static readonly HashSet<string> JobAssetTypes = new(StringComparer.Ordinal)
    {
        AssetTypes.Pipeline, AssetTypes.Workflow, AssetTypes.Notebook, AssetTypes.Service,
    };

    public static string Of(string assetType) => JobAssetTypes.Contains(assetType) ? Job : Dataset;
}
