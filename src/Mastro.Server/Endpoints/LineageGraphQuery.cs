using System.Globalization;
using Mastro.Core.Lineage.Graph;
using Mastro.Server.Http;

namespace Mastro.Server.Endpoints;

/// <summary>The graph routes' query: <c>direction=upstream|downstream|both</c> (default both) and <c>depth</c> (default 3, capped at 10).</summary>
internal sealed record LineageGraphQuery(LineageDirection Direction, int Depth)
{
    public static LineageGraphQuery From(IQueryCollection query) => new(DirectionOf(query), DepthOf(query));

    private static LineageDirection DirectionOf(IQueryCollection query) =>
        Single(query, "direction")?.ToLowerInvariant() switch
        {
            null or "" or "both" => LineageDirection.Both,
            "upstream" => LineageDirection.Upstream,
            "downstream" => LineageDirection.Downstream,
            var other => throw ApiException.BadRequest($"direction parameter must be upstream, downstream or both, not '{other}'"),
        };

    /// <summary>Deeper than the cap is not an error: it answers the capped graph (as Marquez does for its own limit).</summary>
    private static int DepthOf(IQueryCollection query) =>
        Single(query, "depth") switch
        {
            null or "" => LineageGraph.DefaultDepth,
            var text when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var depth) => (int)Math.Min(depth, LineageGraph.MaxDepth),
            _ => throw ApiException.BadRequest($"depth parameter must be a whole number from 0 (at most {LineageGraph.MaxDepth} is used)"),
        };

    /// <summary>A query parameter given at most once.</summary>
    public static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) switch
        {
            false => null,
            true when values.Count > 1 => throw ApiException.BadRequest($"{name} parameter is given more than once"),
            _ => values[0],
        };

    /// <summary>A query parameter that must be given, once, not blank.</summary>
    public static string Required(IQueryCollection query, string name) =>
        Single(query, name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw ApiException.BadRequest($"{name} parameter is required");
}
