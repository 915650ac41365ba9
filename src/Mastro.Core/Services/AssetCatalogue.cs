using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Storage;
using Mastro.Core.Validation;

namespace Mastro.Core.Services;

/// <summary>
/// The catalogue's use cases, shared by the HTTP API, crawlers in direct mode and lineage:
/// validation, server-set timestamps, then the store.
/// </summary>
public sealed class AssetCatalogue(IAssetStore store, TimeProvider clock)
{
    /// <summary>
    /// Validates every asset, stamps <c>last-discovered-at</c> and stores them all or none.
    /// Returns the assets exactly as stored.
    /// </summary>
    /// <exception cref="ValidationFailedException">Lists every invalid asset by index; nothing was stored.</exception>
    public async Task<IReadOnlyList<Asset>> UpsertAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken)
    {
        var stamped = Prepare(assets);
        await StoreMetrics.MeasureAsync("assets.upsert", () => store.UpsertAsync(stamped, cancellationToken));
        return stamped;
    }

    /// <summary>
    /// Validates every asset, then stores those still stored with the <c>last-discovered-at</c> they carry: the one
    /// their sender read, so nothing has written them since. The others, and assets no longer stored, are left as
    /// they are. For writers that send back what they read with a change (a crawler marking the assets it no longer
    /// finds as stale), which must not undo an edit or a delete made meanwhile. Returns the assets stored.
    /// </summary>
    /// <exception cref="ValidationFailedException">Lists every invalid asset by index; nothing was stored.</exception>
    public Task<IReadOnlyList<Asset>> UpsertUnchangedAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken)
    {
        var readAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var asset in assets)
            readAt[asset.Name] = Timestamps.Truncate(asset.LastDiscoveredAt);
        var stamped = Prepare(assets);
        return StoreMetrics.MeasureAsync("assets.upsert_unchanged", () => store.UpsertCheckedAsync(readAt.Keys, stored =>
        {
            var unchanged = stored.Where(row => row.LastDiscoveredAt == readAt[row.Name]).Select(row => row.Name).ToHashSet(StringComparer.Ordinal);
            return stamped.Where(asset => unchanged.Contains(asset.Name)).ToList();
        }, cancellationToken));
    }

    /// <summary>
    /// The assets exactly as <see cref="UpsertAsync"/> would store them (validated, <c>last-discovered-at</c> stamped),
    /// for writers that store them in a transaction of their own (lineage).
    /// </summary>
    /// <exception cref="ValidationFailedException">Lists every invalid asset by index.</exception>
    public IReadOnlyList<Asset> Prepare(IReadOnlyList<Asset> assets)
    {
        var normalized = Normalized(assets);
        AssetValidator.EnsureValid(normalized);
        var now = Timestamps.Truncate(clock.GetUtcNow());
        return normalized
            .Select(a => a with { LastDiscoveredAt = now, PublishedOn = Timestamps.Truncate(a.PublishedOn) })
            .ToList();
    }

    /// <summary>Throws what <see cref="UpsertAsync"/> would throw for invalid <paramref name="assets"/>, without storing anything.</summary>
    /// <exception cref="ValidationFailedException">Lists every invalid asset by index.</exception>
    public static void EnsureValid(IReadOnlyList<Asset> assets) => AssetValidator.EnsureValid(Normalized(assets));

    /// <summary>Deletes the asset of that name; false when there is none.</summary>
    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        StoreMetrics.MeasureAsync("assets.delete", () => store.DeleteAsync(name, cancellationToken));

    public Task<Asset?> FindAsync(string name, CancellationToken cancellationToken) =>
        StoreMetrics.MeasureAsync("assets.find", () => store.FindAsync(name, cancellationToken));

    /// <summary>The asset as stored, for answers that send it as it is (<see cref="AssetRow.ToJsonUtf8"/>).</summary>
    public Task<AssetRow?> FindRowAsync(string name, CancellationToken cancellationToken) =>
        StoreMetrics.MeasureAsync("assets.find", () => store.FindRowAsync(name, cancellationToken));

    public Task<Page<Asset>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        StoreMetrics.MeasureAsync("assets.list", () => store.ListAsync(page, cancellationToken));

    public Task<Page<Asset>> FindByTagsAsync(IReadOnlyCollection<string> tags, PageRequest page, CancellationToken cancellationToken) =>
        StoreMetrics.MeasureAsync("assets.find_by_tags", () => store.FindByTagsAsync(tags, page, cancellationToken));

    public Task<Page<Asset>> FindByLabelsAsync(LabelFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        StoreMetrics.MeasureAsync("assets.find_by_labels", () => store.FindByLabelsAsync(filter, page, cancellationToken));

    public Task<Page<Asset>> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken) =>
        StoreMetrics.MeasureAsync("assets.search", () => store.SearchAsync(query, page, cancellationToken));

    private static List<Asset> Normalized(IReadOnlyList<Asset> assets) => assets.Select(a => a.WithEmptyCollectionsForNulls()).ToList();
}
