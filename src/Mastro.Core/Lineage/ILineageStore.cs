using Mastro.Core.Lineage.Runs;
using Mastro.Core.Model;

namespace Mastro.Core.Lineage;

/// <summary>
/// Lineage storage next to the catalogue: raw OpenLineage events, runs folded from them, aliases (other names of an
/// asset), column lineage, and the dependency queries the lineage graph walks. Assets themselves stay in
/// <see cref="Storage.IAssetStore"/>; the graph reads their <c>depends-on</c>, whoever wrote it.
/// </summary>
public interface ILineageStore
{
    /// <summary>
    /// Writes a batch of events in one transaction: reads what is stored under <paramref name="names"/>
    /// (<see cref="StoredCatalogue"/>), hands it to <paramref name="plan"/>, then upserts the assets the plan returns
    /// (as <see cref="Storage.IAssetStore.UpsertAsync"/>) and, for each record in order, stores the raw event, folds
    /// <see cref="LineageRecord.Run"/> into its run with <see cref="LineageRuns.Apply"/>, adds the aliases (an alias
    /// already pointing elsewhere is moved, and aliases of an asset that becomes an alias follow it) and replaces the
    /// column lineage of each dataset given. All of it commits together or not at all, with one commit for the batch.
    /// </summary>
    /// <remarks>
    /// No other write can slip in between the read and the writes: the plan merges the events into what is stored
    /// when the batch commits, so an asset a user or a crawler wrote meanwhile is never overwritten with an older copy.
    /// A store that detects such a write rather than holding it off runs the transaction again, so
    /// <paramref name="plan"/> may be called more than once and must do nothing but compute.
    /// </remarks>
    Task IngestAsync(IReadOnlyCollection<string> names, Func<StoredCatalogue, LineageWrite> plan, CancellationToken cancellationToken);

    Task<LineageRun?> FindRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Runs newest first (by earliest event time), of one job when <paramref name="job"/> is given.</summary>
    Task<Page<LineageRun>> ListRunsAsync(string? job, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The raw events of one run, oldest first (event time, then arrival).</summary>
    Task<Page<ReceivedLineageEvent>> ListRunEventsAsync(string runId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Every raw event (run, dataset and job events), most recently received first.</summary>
    Task<Page<ReceivedLineageEvent>> ListRecentEventsAsync(PageRequest page, CancellationToken cancellationToken);

    /// <summary>The asset names that those of <paramref name="names"/> which are aliases stand for (alias → asset name).</summary>
    Task<IReadOnlyDictionary<string, string>> ResolveAliasesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);

    Task<ColumnLineage?> FindColumnLineageAsync(string dataset, CancellationToken cancellationToken);

    /// <summary>
    /// The assets <paramref name="names"/> stand for, by their own name or as an alias, as graph nodes, with the
    /// aliases among the names: one round trip per level of a graph walk, however wide.
    /// </summary>
    Task<LineageNodes> FindNodesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);

    /// <summary>
    /// The assets whose <c>depends-on</c> names any of <paramref name="names"/> or an alias of one of them (a crawler may
    /// have written the S3 path of what lineage knows as a table) — unless an asset has that alias as its own name, which
    /// then wins: one indexed round trip per level of a graph walk.
    /// </summary>
    Task<IReadOnlyList<LineageNode>> FindDependentsAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken);

    /// <summary>
    /// Retention: deletes raw events received before <paramref name="cutoff"/> and runs without an event since.
    /// Assets, aliases and column lineage (the current lineage) stay.
    /// </summary>
    Task<RetentionResult> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
