namespace Mastro.Core.Lineage.Validation;

/// <summary>
/// Every facets map of an event with its location, in any JSON tree: <paramref name="objectAt"/> gives the object
/// under a property (none when absent or not an object), <paramref name="objectsInArrayAt"/> the objects in the
/// array under a property.
/// </summary>
internal static class FacetMaps
{
    private static readonly (string List, string ExtraFacets, FacetLocation ExtraLocation)[] DatasetLists =
    [
        ("inputs", "inputFacets", FacetLocation.InputDataset),
        ("outputs", "outputFacets", FacetLocation.OutputDataset),
    ];

    public static IEnumerable<(FacetLocation Location, T Facets)> Of<T>(
        T root, Func<T, string, IEnumerable<T>> objectAt, Func<T, string, IEnumerable<T>> objectsInArrayAt)
    {
        foreach (var run in objectAt(root, "run"))
        foreach (var facets in objectAt(run, "facets"))
            yield return (FacetLocation.Run, facets);
        foreach (var job in objectAt(root, "job"))
        foreach (var facets in objectAt(job, "facets"))
            yield return (FacetLocation.Job, facets);
        foreach (var dataset in objectAt(root, "dataset"))
        foreach (var facets in objectAt(dataset, "facets"))
            yield return (FacetLocation.Dataset, facets);
        foreach (var (list, extraFacets, extraLocation) in DatasetLists)
        foreach (var item in objectsInArrayAt(root, list))
        {
            foreach (var facets in objectAt(item, "facets"))
                yield return (FacetLocation.Dataset, facets);
            foreach (var extra in objectAt(item, extraFacets))
                yield return (extraLocation, extra);
        }
    }
}
