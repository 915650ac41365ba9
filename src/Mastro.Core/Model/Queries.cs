using System.Text.Json.Serialization;

namespace Mastro.Core.Model;

/// <summary>Body of <c>POST /assets/tags</c>.</summary>
public sealed record TagsQuery(
    [property: JsonPropertyName("tags")] IReadOnlyList<string>? Tags,
    [property: JsonPropertyName("limit")] long Limit,
    [property: JsonPropertyName("page")] long Page);

/// <summary>Body of <c>POST /featureset/labels</c> and <c>POST /metricstore/labels</c>.</summary>
public sealed record LabelsQuery(
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string>? Labels,
    [property: JsonPropertyName("limit")] long Limit,
    [property: JsonPropertyName("page")] long Page);

/// <summary>Body of the <c>…/search</c> routes.</summary>
public sealed record TextQuery(
    [property: JsonPropertyName("query")] string? Query,
    [property: JsonPropertyName("limit")] long Limit,
    [property: JsonPropertyName("page")] long Page);
