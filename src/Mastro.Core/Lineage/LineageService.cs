using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Lineage.Graph;
using Mastro.Core.Lineage.Ingestion;
using Mastro.Core.Lineage.Runs;
using Mastro.Core.Model;
using Mastro.Core.Services;
using Mastro.Core.Storage;
using Mastro.Core.Validation;

namespace Mastro.Core.Lineage;

/// <summary>
/// Lineage use cases: ingesting OpenLineage events into the catalogue and the lineage store, the lineage graph,
/// runs, column lineage, aliases and retention.
/// </summary>
public sealed class LineageService(ILineageStore store, AssetCatalogue catalogue, TimeProvider clock)
{
    private readonly LineageIngestion _ingestion = new(store, catalogue, clock);

    private readonly LineageGraphWalker _walker = new(store);

    /// <summary>
    /// Validates one event against the spec, updates the catalogue and records the event and its run; returns once
    /// both are committed (written together with the events that arrived meanwhile, see <see cref="LineageIngestion"/>).
    /// </summary>
    /// <param name="json">The event's JSON text; stored verbatim.</param>
    /// <exception cref="ValidationFailedException">Not valid OpenLineage; each problem names the JSON path and the rule. Nothing was stored.</exception>
    public Task IngestAsync(string json, CancellationToken cancellationToken) => _ingestion.IngestAsync(json, cancellationToken);

    /// <summary>The asset <paramref name="name"/> is an alias of, or null.</summary>
    public async Task<Asset?> FindByAliasAsync(string name, CancellationToken cancellationToken)
    {
        var aliases = await Measure("resolve_aliases", () => store.ResolveAliasesAsync([name], cancellationToken));
        return aliases.TryGetValue(name, out var target) ? await catalogue.FindAsync(target, cancellationToken) : null;
    }

    /// <summary>
    /// The graph around the asset named (or aliased, or Marquez-identified) by <paramref name="nodeId"/>; null when
    /// no asset has that name and no asset depends on it.
    /// </summary>
    public async Task<LineageGraph?> GraphAsync(string nodeId, LineageDirection direction, int depth, CancellationToken cancellationToken)
    {
        var root = await ResolveAsync(nodeId, cancellationToken);
        var graph = await Measure("graph", () => _walker.WalkAsync(root ?? nodeId, direction, Math.Clamp(depth, 0, LineageGraph.MaxDepth), cancellationToken));
        var known = root is not null || graph.Graph.Any(node => node.InEdges.Count > 0 || node.OutEdges.Count > 0);
        return known ? graph : null;
    }

    /// <summary>Column lineage of a dataset; null when no asset has that name, an empty list when it has none.</summary>
    public async Task<ColumnLineage?> ColumnLineageAsync(string nodeId, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(nodeId, cancellationToken) is not { } dataset)
            return null;
        return await Measure("column_lineage", () => store.FindColumnLineageAsync(dataset, cancellationToken))
               ?? new ColumnLineage { Dataset = dataset, Columns = [] };
    }

    public Task<LineageRun?> FindRunAsync(string runId, CancellationToken cancellationToken) =>
        Measure("find_run", () => store.FindRunAsync(runId, cancellationToken));

    public Task<Page<LineageRun>> ListRunsAsync(string? job, PageRequest page, CancellationToken cancellationToken) =>
        Measure("list_runs", () => store.ListRunsAsync(job, page, cancellationToken));

    /// <summary>The raw events of a run, oldest first, exactly as received.</summary>
    public async Task<Page<JsonElement>> ListRunEventsAsync(string runId, PageRequest page, CancellationToken cancellationToken) =>
        AsJson(await Measure("list_run_events", () => store.ListRunEventsAsync(runId, page, cancellationToken)));

    /// <summary>Every raw event, most recently received first.</summary>
    public async Task<Page<JsonElement>> ListRecentEventsAsync(PageRequest page, CancellationToken cancellationToken) =>
        AsJson(await Measure("list_events", () => store.ListRecentEventsAsync(page, cancellationToken)));

    /// <summary>Deletes raw events and runs older than <paramref name="retention"/>; assets and the current lineage stay.</summary>
    public Task<RetentionResult> ApplyRetentionAsync(TimeSpan retention, CancellationToken cancellationToken) =>
        Measure("retention", () => store.DeleteOlderThanAsync(Timestamps.Truncate(clock.GetUtcNow() - retention), cancellationToken));

    /// <summary>The asset a node id stands for: an asset name, an alias, or a Marquez node id; null if none.</summary>
    private async Task<string?> ResolveAsync(string nodeId, CancellationToken cancellationToken)
    {
        var candidates = LineageNodeIds.Candidates(nodeId);
        var found = await Measure("find_nodes", () => store.FindNodesAsync(candidates, cancellationToken));
        return candidates.Select(found.NodeFor).FirstOrDefault(name => name is not null);
    }

    private static Page<JsonElement> AsJson(Page<ReceivedLineageEvent> events) => events.Map(e => LineageJson.Parse(e.Json));

    private static Task<T> Measure<T>(string operation, Func<Task<T>> action) => StoreMetrics.MeasureAsync($"lineage.{operation}", action);

    private static Task Measure(string operation, Func<Task> action) => StoreMetrics.MeasureAsync($"lineage.{operation}", action);
}
