namespace Mastro.Core.Lineage.Validation;

/// <summary>Where a facets map sits in an event; facet schemas apply by location (a job's <c>ownership</c> is not a dataset's).</summary>
public enum FacetLocation
{
    Run,
    Job,
    Dataset,
    InputDataset,
    OutputDataset,
}
