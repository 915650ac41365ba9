using Mastro.Core.Lineage.Mapping;
using Mastro.Core.Model;
using Mastro.Core.Services;
using Mastro.Core.Storage;

namespace Mastro.Core.Lineage.Ingestion;

/// <summary>
/// The catalogue as the events of one batch see it: what the stores hold under the names the events mention, plus
/// the changes of the events before in the batch, so that each event is mapped as if those were already written.
/// </summary>
internal sealed class BatchCatalogue
{
    private readonly Dictionary<string, Asset> _assets;
    private readonly Dictionary<string, string> _aliases;

    private BatchCatalogue(Dictionary<string, Asset> assets, Dictionary<string, string> aliases)
    {
        _assets = assets;
        _aliases = aliases;
        View = new CatalogueView(_assets, _aliases);
    }

    /// <summary>The current view; it follows every <see cref="Apply"/>.</summary>
    public CatalogueView View { get; }

    /// <summary>Reads the assets and aliases under <paramref name="names"/>, and the assets those aliases stand for.</summary>
    public static async Task<BatchCatalogue> ReadAsync(
        IReadOnlyCollection<string> names, ILineageStore store, AssetCatalogue catalogue, CancellationToken cancellationToken)
    {
        var aliases = await StoreMetrics.MeasureAsync("lineage.resolve_aliases", () => store.ResolveAliasesAsync(names, cancellationToken));
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in names.Concat(aliases.Values).Distinct(StringComparer.Ordinal))
        {
            if (await catalogue.FindAsync(name, cancellationToken) is { } asset)
                assets[name] = asset;
        }
        return new BatchCatalogue(assets, new Dictionary<string, string>(aliases, StringComparer.Ordinal));
    }

    /// <summary>
    /// Applies one event's changes as the stores will: its assets replace theirs, and its aliases are added as
    /// <see cref="ILineageStore.RecordAsync"/> adds them (aliases of a name that becomes an alias follow it).
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
