using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mastro.Core.Lineage.Events;

// Typed views of the facets Mastro maps, with the field names of their spec files (Lineage/Schemas).
// Every field is optional here: the schema says what is required, and validation has already checked it.

/// <summary>Dataset facet <c>schema</c> (SchemaDatasetFacet 1-2-0).</summary>
public sealed record SchemaFacet([property: JsonPropertyName("fields")] IReadOnlyList<SchemaFacetField>? Fields);

public sealed record SchemaFacetField(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("fields")] IReadOnlyList<SchemaFacetField>? Fields);

/// <summary>Dataset facet <c>symlinks</c> (SymlinksDatasetFacet 1-0-1): other names of the same dataset.</summary>
public sealed record SymlinksFacet([property: JsonPropertyName("identifiers")] IReadOnlyList<SymlinkIdentifier>? Identifiers);

public sealed record SymlinkIdentifier(
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("type")] string? Type);

/// <summary>Dataset facet <c>dataSource</c> (DatasourceDatasetFacet 1-0-1).</summary>
public sealed record DataSourceFacet(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("uri")] string? Uri);

/// <summary>Dataset facet <c>storage</c> (StorageDatasetFacet 1-0-1).</summary>
public sealed record StorageFacet(
    [property: JsonPropertyName("storageLayer")] string? StorageLayer,
    [property: JsonPropertyName("fileFormat")] string? FileFormat);

/// <summary>Dataset or job facet <c>ownership</c> (Ownership*Facet 1-0-1).</summary>
public sealed record OwnershipFacet([property: JsonPropertyName("owners")] IReadOnlyList<Owner>? Owners);

public sealed record Owner(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("type")] string? Type);

/// <summary>Dataset or job facet <c>documentation</c>.</summary>
public sealed record DocumentationFacet([property: JsonPropertyName("description")] string? Description);

/// <summary>Job facet <c>sql</c> (SQLJobFacet 1-1-0).</summary>
public sealed record SqlFacet(
    [property: JsonPropertyName("query")] string? Query,
    [property: JsonPropertyName("dialect")] string? Dialect);

/// <summary>Job facet <c>jobType</c> (JobTypeJobFacet 2-0-4).</summary>
public sealed record JobTypeFacet(
    [property: JsonPropertyName("processingType")] string? ProcessingType,
    [property: JsonPropertyName("integration")] string? Integration,
    [property: JsonPropertyName("jobType")] string? JobType);

/// <summary>Job facet <c>sourceCodeLocation</c>.</summary>
public sealed record SourceCodeLocationFacet(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("url")] string? Url);

/// <summary>Run facet <c>errorMessage</c> (ErrorMessageRunFacet 1-0-1).</summary>
public sealed record ErrorMessageFacet(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("programmingLanguage")] string? ProgrammingLanguage);

/// <summary>Run facet <c>parent</c> (ParentRunFacet 1-2-0): the run and job that started this one.</summary>
public sealed record ParentRunFacet([property: JsonPropertyName("job")] ParentJob? Job);

public sealed record ParentJob(
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string? Name);

/// <summary>Dataset facet <c>columnLineage</c> (ColumnLineageDatasetFacet 1-2-0).</summary>
public sealed record ColumnLineageFacet(
    [property: JsonPropertyName("fields")] IReadOnlyDictionary<string, ColumnLineageFacetField>? Fields,
    [property: JsonPropertyName("dataset")] IReadOnlyList<ColumnLineageFacetInput>? Dataset);

public sealed record ColumnLineageFacetField(
    [property: JsonPropertyName("inputFields")] IReadOnlyList<ColumnLineageFacetInput>? InputFields,
    [property: JsonPropertyName("transformationDescription")] string? TransformationDescription,
    [property: JsonPropertyName("transformationType")] string? TransformationType);

public sealed record ColumnLineageFacetInput(
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("field")] string? Field,
    [property: JsonPropertyName("transformations")] JsonElement? Transformations);
