using Mastro.Core.Model;
using Mastro.Core.Search;

namespace Mastro.Core.Storage;

/// <summary>Catalogue storage. Asset identity is the name; an upsert fully replaces the asset of that name.</summary>
public interface IAssetStore
{
    /// <summary>The asset of that name as stored, or null: decode it with <see cref="AssetRow.ToAsset"/>, or send it with <see cref="AssetRow.ToJsonUtf8"/>.</summary>
    Task<AssetRow?> FindRowAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Stores all assets in one transaction: either every one is stored or none is. When a name occurs
    /// twice in <paramref name="assets"/>, the later one wins. Assets keep their position in listings.
    /// </summary>
    Task UpsertAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the assets stored under <paramref name="names"/>, lets <paramref name="choose"/> pick from them the assets
    /// to store, and stores those as <see cref="UpsertAsync"/> does, all in one transaction: no other write lands
    /// between the read and the write. <paramref name="choose"/> may run more than once (a PostgreSQL transaction
    /// that collides runs again), so it must only compute. Returns the assets stored.
    /// </summary>
    Task<IReadOnlyList<Asset>> UpsertCheckedAsync(
        IReadOnlyCollection<string> names, Func<IReadOnlyList<AssetRow>, IReadOnlyList<Asset>> choose, CancellationToken cancellationToken);

    /// <summary>Deletes the asset of that name; false when there is none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>All assets in insertion order.</summary>
    Task<Page<Asset>> ListAsync(PageRequest page, CancellationToken cancellationToken);

    /// <summary>Assets carrying every one of <paramref name="tags"/>, in insertion order.</summary>
    Task<Page<Asset>> FindByTagsAsync(IReadOnlyCollection<string> tags, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Assets whose labels match the filter, in insertion order. Only string-valued labels can match
    /// (a label holding an object or a number never equals a filter value).
    /// </summary>
    Task<Page<Asset>> FindByLabelsAsync(LabelFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Full-text search over name, tags, description and labels, best match first.</summary>
    Task<Page<Asset>> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken);
}

public static class AssetStoreExtensions
{
    /// <summary>The asset of that name, decoded from its stored row, or null.</summary>
    public static async Task<Asset?> FindAsync(this IAssetStore store, string name, CancellationToken cancellationToken) =>
        (await store.FindRowAsync(name, cancellationToken))?.ToAsset();
}
