using Mastro.Core.Model;
using Mastro.Core.Search;

namespace Mastro.Core.Storage;

/// <summary>
/// Storage of feature sets or metric sets. Every insert adds a new set with a new stable id;
/// lists are newest <c>inserted_at</c> first.
/// </summary>
public interface IVersionedSetStore<TSet> where TSet : IVersionedSet
{
    /// <summary>Stores the set and returns its id.</summary>
    Task<string> InsertAsync(TSet set, CancellationToken cancellationToken);

    Task<TSet?> FindByIdAsync(string id, CancellationToken cancellationToken);

    /// <summary>Deletes the set with this id; false when there is none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    Task<Page<TSet>> FindByNameAsync(string name, PageRequest page, CancellationToken cancellationToken);

    Task<Page<TSet>> FindByLabelsAsync(LabelFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Full-text search over name, version, description and labels, best match first.</summary>
    Task<Page<TSet>> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken);

    Task<Page<TSet>> ListAsync(PageRequest page, CancellationToken cancellationToken);
}
