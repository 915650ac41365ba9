namespace Mastro.Core.Lineage.Graph;

/// <summary>
/// Breadth-first walk over <c>depends-on</c> (whoever wrote it: users, crawlers, OpenLineage) from one asset, up to a
/// depth, with a visited set so cycles end. Each level costs one store round trip whatever its width, so a deep
/// walk in a large catalogue stays fast.
/// Names that are aliases count as their asset; names no asset has become nodes of empty type.
/// </summary>
public sealed class LineageGraphWalker(ILineageStore store)
{
    public async Task<LineageGraph> WalkAsync(string root, LineageDirection direction, int depth, CancellationToken cancellationToken)
    {
        var walk = new Walk(store, cancellationToken);
        await walk.VisitAsync([root]);
        var start = walk.NodeFor(root);
        if (direction is LineageDirection.Upstream or LineageDirection.Both)
            await walk.UpstreamAsync(start, depth);
        if (direction is LineageDirection.Downstream or LineageDirection.Both)
            await walk.DownstreamAsync(start, depth);
        return await walk.ToGraphAsync();
    }

    private sealed class Walk(ILineageStore store, CancellationToken cancellationToken)
    {
        /// <summary>Every node reached, in the order reached; null for a name without an asset.</summary>
        private readonly Dictionary<string, LineageNode?> _nodes = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];

        /// <summary>Name (or alias) → the node name it stands for, for every name resolved so far.</summary>
        private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);

        public string NodeFor(string name) => _canonical[name];

        public async Task UpstreamAsync(string root, int depth)
        {
            var frontier = new List<string> { root };
            for (var level = 0; level < depth && frontier.Count > 0; level++)
            {
                var upstream = frontier.SelectMany(name => _nodes[name]?.DependsOn ?? []).Distinct(StringComparer.Ordinal).ToList();
                frontier = await VisitAsync(upstream);
            }
        }

        public async Task DownstreamAsync(string root, int depth)
        {
            var frontier = new List<string> { root };
            for (var level = 0; level < depth && frontier.Count > 0; level++)
            {
                var dependents = await store.FindDependentsAsync(frontier, cancellationToken);
                var next = new List<string>();
                foreach (var node in dependents.Where(node => !_nodes.ContainsKey(node.Name)))
                {
                    Add(node.Name, node);
                    next.Add(node.Name);
                }
                frontier = next;
            }
        }

        /// <summary>Adds the nodes <paramref name="names"/> stand for; returns those not reached before.</summary>
        public async Task<List<string>> VisitAsync(IReadOnlyCollection<string> names)
        {
            var added = new List<string>();
            var unknown = names.Where(n => !_canonical.ContainsKey(n)).ToList();
            if (unknown.Count == 0) return added;
            var found = await store.FindNodesAsync(unknown, cancellationToken);
            foreach (var name in unknown)
            {
                var target = found.NodeFor(name) ?? name;
                _canonical[name] = target;
                if (_nodes.ContainsKey(target)) continue;
                Add(target, found.Find(target));
                added.Add(target);
            }
            return added;
        }

        private void Add(string name, LineageNode? node)
        {
            _nodes[name] = node;
            _order.Add(name);
            _canonical[name] = name;
        }

        /// <summary>The nodes with the edges between them (an edge to a node outside the walk is left out).</summary>
        public async Task<LineageGraph> ToGraphAsync()
        {
            // Dependencies of the last level were never visited: one more lookup tells which are aliases of nodes in the walk.
            var unresolved = _nodes.Values.OfType<LineageNode>().SelectMany(n => n.DependsOn)
                .Where(d => !_canonical.ContainsKey(d)).Distinct(StringComparer.Ordinal).ToList();
            if (unresolved.Count > 0)
            {
                var found = await store.FindNodesAsync(unresolved, cancellationToken);
                foreach (var name in unresolved)
                    _canonical[name] = found.NodeFor(name) ?? name;
            }

            var edges = new List<LineageEdge>();
            foreach (var name in _order)
            foreach (var dependency in _nodes[name]?.DependsOn ?? [])
            {
                var origin = _canonical.GetValueOrDefault(dependency) ?? dependency;
                if (origin != name && _nodes.ContainsKey(origin))
                    edges.Add(new LineageEdge(origin, name));
            }
            var distinctEdges = edges.Distinct().ToList();
            var into = distinctEdges.ToLookup(e => e.Destination, StringComparer.Ordinal);
            var outOf = distinctEdges.ToLookup(e => e.Origin, StringComparer.Ordinal);
            return new LineageGraph(_order.Select(name => Node(name, _nodes[name], into[name].ToList(), outOf[name].ToList())).ToList());
        }

        private static LineageGraphNode Node(string name, LineageNode? node, List<LineageEdge> inEdges, List<LineageEdge> outEdges)
        {
            var data = node is null
                ? new LineageNodeData(name, "", "", [], DateTimeOffset.MinValue)
                : new LineageNodeData(node.Name, node.Type, node.Description, node.Tags, node.LastDiscoveredAt);
            return new LineageGraphNode(name, LineageNodeTypes.Of(data.Type), data, inEdges, outEdges);
        }
    }
}
