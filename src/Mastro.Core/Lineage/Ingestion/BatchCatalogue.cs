using System.Text.Json;
using Mastro.Core.Lineage.Mapping;
using Mastro.Core.Model;

namespace Mastro.Core.Lineage.Ingestion;

/// <summary>
/// The catalogue as the events of one batch see it: what the stores hold under the names the events mention, plus
/// the changes of the events before in the batch, so that each event is mapped as if those were already written.
/// </summary>
internal sealed class BatchCatalogue
{
    private readonly Dictionary<string, Asset> _assets;
    private readonly Dictionary<string, string> _aliases;

    /// <summary>The assets as read from the store, before any event of the batch changed them.</summary>
    private readonly Dictionary<string, Asset> _stored;

    private BatchCatalogue(Dictionary<string, Asset> assets, Dictionary<string, string> aliases)
    {
        _assets = assets;
        _aliases = aliases;
        _stored = new Dictionary<string, Asset>(assets, StringComparer.Ordinal);
        View = new CatalogueView(_assets, _aliases);
    }

    /// <summary>The current view; it follows every <see cref="Apply"/>.</summary>
    public CatalogueView View { get; }

    /// <summary>The catalogue as read in the batch's transaction, before any event of the batch changed it.</summary>
    public static BatchCatalogue From(StoredCatalogue stored) =>
        new(stored.Assets.Select(row => row.ToAsset()).ToDictionary(asset => asset.Name, StringComparer.Ordinal),
            new Dictionary<string, string>(stored.Aliases, StringComparer.Ordinal));

    /// <summary>
    /// How far <c>last-discovered-at</c> may lag behind the last event that saw an asset it left unchanged: within
    /// this, such an asset is not written again; after it, it is, to say it is still there.
    /// </summary>
    public static readonly TimeSpan DiscoveryRefresh = TimeSpan.FromMinutes(1);

    /// <summary>
    /// True when the store already holds <paramref name="asset"/> exactly, apart from <c>last-discovered-at</c>, and
    /// discovered it less than <see cref="DiscoveryRefresh"/> before <paramref name="now"/>: events that repeat what is
    /// known (a run's COMPLETE after its START, the next run of a job) leave their assets unchanged, and writing them
    /// again at every event would only rewrite the row, its search document and its dependencies.
    /// </summary>
    public bool Holds(Asset asset, DateTimeOffset now) =>
        _stored.TryGetValue(asset.Name, out var stored)
        && stored.LastDiscoveredAt > now - DiscoveryRefresh
        && SameContent(stored, asset);

    /// <summary>Field by field, as the catalogue stores them; label and version values as JSON values (their key order aside).</summary>
    private static bool SameContent(Asset stored, Asset asset) =>
        stored.Type == asset.Type
        && stored.Description == asset.Description
        && stored.PublishedOn == asset.PublishedOn
        && stored.DependsOn.SequenceEqual(asset.DependsOn, StringComparer.Ordinal)
        && stored.Tags.SequenceEqual(asset.Tags, StringComparer.Ordinal)
        && SameValues(stored.Labels, asset.Labels)
        && SameValues(stored.Versions, asset.Versions);

    private static bool SameValues(IReadOnlyDictionary<string, JsonElement> stored, IReadOnlyDictionary<string, JsonElement> values) =>
        stored.Count == values.Count
        && values.All(entry => stored.TryGetValue(entry.Key, out var value) && JsonElement.DeepEquals(value, entry.Value));

    /// <summary>
    /// Applies one event's changes as the stores will: its assets replace theirs, and its aliases are added as
    /// <see cref="ILineageStore.IngestAsync"/> adds them (aliases of a name that becomes an alias follow it).
    /// </summary>
    public void Apply(LineagePlan plan)
    {
        foreach (var asset in plan.Assets)
            _assets[asset.Name] = asset;
        foreach (var alias in plan.Aliases)
        {
            foreach (var follower in _aliases.Where(a => a.Value == alias.Alias).Select(a => a.Key).ToList())
                _aliases[follower] = alias.AssetName;
            _aliases[alias.Alias] = alias.AssetName;
            foreach (var self in _aliases.Where(a => a.Key == a.Value).Select(a => a.Key).ToList())
                _aliases.Remove(self);
        }
    }
}
