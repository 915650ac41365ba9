using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Lineage.Events;
using Mastro.Core.Lineage.Mapping;
using Mastro.Core.Lineage.Validation;
using Mastro.Core.Model;
using Mastro.Core.Services;
using Mastro.Core.Storage;
using Mastro.Core.Validation;

namespace Mastro.Core.Lineage.Ingestion;

/// <summary>
/// Ingests OpenLineage events: each request validates and reads its event on its own, then the events are applied
/// in order of arrival, in batches (<see cref="GroupCommit{TItem}"/>): events that arrive while a batch is being
/// written share the next batch's transaction (catalogue and lineage together) and its fsync.
/// </summary>
/// <remarks>
/// Applying in order matters: each event reads the assets it enriches and writes them back merged, and two events
/// touching one dataset at once would otherwise lose one's additions. Within a batch, each event is mapped against
/// the catalogue as the events before it leave it (<see cref="BatchCatalogue"/>), so a batch stores exactly what the
/// events applied one by one would.
/// </remarks>
internal sealed class LineageIngestion
{
    /// <summary>Bounds a batch's transactions; 32 concurrent producers make batches of up to about 32 events.</summary>
    private const int MaxBatch = 256;

    private readonly ILineageStore _store;
    private readonly AssetCatalogue _catalogue;
    private readonly TimeProvider _clock;
    private readonly GroupCommit<ReceivedEvent> _batches;

    public LineageIngestion(ILineageStore store, AssetCatalogue catalogue, TimeProvider clock)
    {
        _store = store;
        _catalogue = catalogue;
        _clock = clock;
        _batches = new GroupCommit<ReceivedEvent>(WriteBatchAsync, MaxBatch);
    }

    /// <exception cref="ValidationFailedException">Not valid OpenLineage, or names the catalogue cannot hold. Nothing was stored.</exception>
    public async Task IngestAsync(string json, CancellationToken cancellationToken)
    {
        var problems = OpenLineageValidator.Problems(json);
        if (problems.Count > 0)
            throw new ValidationFailedException(problems);
        var received = new ReceivedEvent(Parse(json), json, Timestamps.Truncate(_clock.GetUtcNow()));
        await _batches.SubmitAsync(received, cancellationToken);
    }

    /// <summary>
    /// Maps every event of the batch in order and writes them all in one transaction, against the catalogue as it
    /// stands in that transaction (assets the events leave as stored are not rewritten within
    /// <see cref="BatchCatalogue.DiscoveryRefresh"/> of their <c>last-discovered-at</c>); an event the mapping or the
    /// catalogue rejects fails alone. If the write fails, each event is written alone, so one event the store refuses
    /// fails only itself.
    /// </summary>
    private async Task WriteBatchAsync(IReadOnlyList<GroupCommit<ReceivedEvent>.Entry> batch)
    {
        // The batch holds several requests' events: none of them may cancel the others' write.
        var cancellationToken = CancellationToken.None;
        var names = batch.SelectMany(entry => LineageMapper.NamesToLookUp(entry.Item.Event)).ToHashSet(StringComparer.Ordinal);
        BatchPlan? plan = null;
        try
        {
            // The store may run the plan again (see ILineageStore.IngestAsync): the last one is what committed.
            await StoreMetrics.MeasureAsync("lineage.record", () => _store.IngestAsync(names, stored => (plan = Plan(batch, stored)).Write, cancellationToken));
        }
        catch (Exception e) when (batch.Count > 1 && e is not (StoreUnavailableException or OperationCanceledException))
        {
            foreach (var entry in batch)
                await WriteAloneAsync(entry);
            return;
        }
        plan!.Settle();
    }

    /// <summary>What the batch writes against <paramref name="stored"/>, and which of its events are refused.</summary>
    private BatchPlan Plan(IReadOnlyList<GroupCommit<ReceivedEvent>.Entry> batch, StoredCatalogue stored)
    {
        var catalogue = BatchCatalogue.From(stored);
        var planned = new List<(GroupCommit<ReceivedEvent>.Entry Entry, LineagePlan Plan)>();
        var refused = new List<(GroupCommit<ReceivedEvent>.Entry Entry, ValidationFailedException Problem)>();
        foreach (var entry in batch)
        {
            try
            {
                var plan = LineageMapper.Map(entry.Item.Event, catalogue.View, entry.Item.ReceivedAt);
                AssetCatalogue.EnsureValid(plan.Assets);
                catalogue.Apply(plan);
                planned.Add((entry, plan));
            }
            catch (ValidationFailedException e)
            {
                refused.Add((entry, e));
            }
        }
        var now = _clock.GetUtcNow();
        var changed = LatestVersions(planned.SelectMany(p => p.Plan.Assets)).Where(asset => !catalogue.Holds(asset, now)).ToList();
        var write = new LineageWrite(_catalogue.Prepare(changed), [.. planned.Select(p => RecordOf(p.Entry.Item, p.Plan))]);
        return new BatchPlan(write, [.. planned.Select(p => p.Entry)], refused);
    }

    /// <summary>Maps and writes one event of a failed batch against what is stored now.</summary>
    private async Task WriteAloneAsync(GroupCommit<ReceivedEvent>.Entry entry)
    {
        try
        {
            await WriteBatchAsync([entry]);
        }
        catch (Exception e)
        {
            entry.Fail(e);
        }
    }

    /// <summary>
    /// Each asset once, in its latest version (built on the earlier ones) at the place of its first: what the catalogue
    /// stores for a name given twice, without writing the versions that would be replaced within the same transaction.
    /// </summary>
    private static List<Asset> LatestVersions(IEnumerable<Asset> assets)
    {
        var latest = new OrderedDictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var asset in assets)
            latest[asset.Name] = asset;
        return [.. latest.Values];
    }

    private static LineageRecord RecordOf(ReceivedEvent received, LineagePlan plan)
    {
        var lineageEvent = received.Event;
        var raw = new ReceivedLineageEvent(
            lineageEvent.Run?.RunId, lineageEvent.EventType, Timestamps.Truncate(lineageEvent.EventTime), received.ReceivedAt, received.Json);
        return new LineageRecord(raw, plan.Run, plan.Aliases, plan.ColumnLineage);
    }

    /// <summary>Reads a schema-valid event; a value the schema allows but Mastro cannot read (an odd date) is still a 400.</summary>
    private static OpenLineageEvent Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, LineageJsonContext.Default.OpenLineageEvent)
                   ?? throw new ValidationFailedException(["$: expected an OpenLineage event, got null"]);
        }
        catch (JsonException e)
        {
            throw new ValidationFailedException([$"{e.Path ?? "$"}: {e.Message.Split(" Path:", 2)[0]}"]);
        }
    }

    /// <summary>A valid event as received: read, verbatim, and when.</summary>
    private sealed record ReceivedEvent(OpenLineageEvent Event, string Json, DateTimeOffset ReceivedAt);

    /// <summary>A batch's write, the events it stores and those refused (settled only once the write has committed).</summary>
    private sealed record BatchPlan(
        LineageWrite Write,
        IReadOnlyList<GroupCommit<ReceivedEvent>.Entry> Written,
        IReadOnlyList<(GroupCommit<ReceivedEvent>.Entry Entry, ValidationFailedException Problem)> Refused)
    {
        public void Settle()
        {
            foreach (var (entry, problem) in Refused)
                entry.Fail(problem);
            foreach (var entry in Written)
                entry.Succeed();
        }
    }
}
