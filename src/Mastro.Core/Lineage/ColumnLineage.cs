using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mastro.Core.Lineage;

/// <summary>
/// Column lineage of one dataset (from its latest <c>columnLineage</c> facet): for each output column, the input
/// columns it is computed from. Input datasets are given both as the producer named them and as asset names.
/// </summary>
public sealed record ColumnLineage
{
    /// <summary>Asset name of the output dataset.</summary>
    [JsonPropertyName("dataset")]
    public required string Dataset { get; init; }

    [JsonPropertyName("columns")]
    public required IReadOnlyList<ColumnLineageColumn> Columns { get; init; }

    /// <summary>Inputs the whole dataset depends on (filters, joins…), from the facet's <c>dataset</c> list.</summary>
    [JsonPropertyName("datasetDependencies")]
    public IReadOnlyList<ColumnLineageInput> DatasetDependencies { get; init; } = [];

    /// <summary>Event time of the event that carried this column lineage.</summary>
    [JsonPropertyName("updatedAt")]
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record ColumnLineageColumn(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("inputs")] IReadOnlyList<ColumnLineageInput> Inputs,
    [property: JsonPropertyName("transformationDescription"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TransformationDescription = null,
    [property: JsonPropertyName("transformationType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TransformationType = null);

/// <param name="Dataset">Asset name of the input dataset (an alias already resolved to its asset).</param>
/// <param name="Transformations">The facet's transformation list as sent (<c>[{type, subtype, description, masking}]</c>).</param>
public sealed record ColumnLineageInput(
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("transformations")] JsonElement Transformations);
