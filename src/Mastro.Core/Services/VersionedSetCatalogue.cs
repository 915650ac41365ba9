using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Storage;
using Mastro.Core.Validation;

namespace Mastro.Core.Services;

/// <summary>The feature store's and metric store's use cases (one class, parameterised by the kind of set).</summary>
public sealed class VersionedSetCatalogue<TSet>(IVersionedSetStore<TSet> store, VersionedSetKind<TSet> kind, TimeProvider clock)
    where TSet : IVersionedSet
{
    public string Kind => kind.Name;

    /// <summary>Validates and stores a new set; returns its id and the set as stored (with <c>inserted_at</c>).</summary>
    /// <exception cref="ValidationFailedException">The set breaks a rule; nothing was stored.</exception>
    public async Task<(string Id, TSet Stored)> InsertAsync(TSet set, CancellationToken cancellationToken)
    {
        var normalized = kind.Normalize(set);
        var problems = kind.Problems(normalized);
        if (problems.Count > 0)
            throw new ValidationFailedException(problems);
        var stamped = kind.WithInsertedAt(normalized, Timestamps.Truncate(clock.GetUtcNow()));
        var id = await Measure("insert", () => store.InsertAsync(stamped, cancellationToken));
        return (id, stamped);
    }

    /// <summary>Deletes the set with this id; false when there is none.</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        Measure("delete", () => store.DeleteAsync(id, cancellationToken));

    public Task<TSet?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        Measure("find_by_id", () => store.FindByIdAsync(id, cancellationToken));

    public Task<Page<TSet>> FindByNameAsync(string name, PageRequest page, CancellationToken cancellationToken) =>
        Measure("find_by_name", () => store.FindByNameAsync(name, page, cancellationToken));

    public Task<Page<TSet>> FindByLabelsAsync(LabelFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        Measure("find_by_labels", () => store.FindByLabelsAsync(filter, page, cancellationToken));

    public Task<Page<TSet>> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken) =>
        Measure("search", () => store.SearchAsync(query, page, cancellationToken));

    public Task<Page<TSet>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        Measure("list", () => store.ListAsync(page, cancellationToken));

    private Task<T> Measure<T>(string operation, Func<Task<T>> action) =>
        StoreMetrics.MeasureAsync($"{kind.Name}s.{operation}", action);
}
