using Mastro.Core.Lineage.Events;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace Mastro.Core.Lineage.Validation;

/// <summary>
/// Checks an event against the OpenLineage spec's JSON schemas: the event schema for its kind, then the schema
/// of every facet Mastro knows, at the place it occurs. Facets without a schema here (custom or newer ones) are
/// only held to the spec's base facet rules and are otherwise kept as sent.
/// </summary>
/// <remarks>
/// Inside facets, string formats are not enforced, only structure (required fields, types, enumerations): real
/// producers deviate from them — Spark sends <c>dataSource.uri</c> <c>"file"</c> for local files — and rejecting
/// such an event would lose its lineage over a descriptive field. The event's own fields keep every format check.
/// </remarks>
public static class OpenLineageValidator
{
    /// <summary>At most this many problems are listed; a template missing everything would otherwise answer a page of them.</summary>
    private const int MaxProblems = 10;

    private static readonly (string List, string ExtraFacets, FacetLocation ExtraLocation)[] DatasetLists =
    [
        ("inputs", "inputFacets", FacetLocation.InputDataset),
        ("outputs", "outputFacets", FacetLocation.OutputDataset),
    ];

    /// <summary>Returns every way <paramref name="json"/> breaks the spec, each naming the JSON path and the rule; empty when valid.</summary>
    public static IReadOnlyList<string> Problems(string json)
    {
        JToken token;
        try
        {
            // Dates stay strings, so the date-time format check sees exactly what was sent.
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            token = JToken.ReadFrom(reader);
        }
        catch (JsonReaderException e)
        {
            return [$"malformed JSON: {e.Message}"];
        }
        if (token is not JObject root)
            return [$"$: expected a JSON object (one OpenLineage event), got {token.Type.ToString().ToLowerInvariant()}"];
        // NJsonSchema crashes on integers beyond 64 bits (Json.NET reads them as BigInteger); no OpenLineage field holds one.
        if (root.Descendants().OfType<JValue>().FirstOrDefault(v => v.Value is System.Numerics.BigInteger) is { } huge)
            return [$"{huge.Path}: number {huge} is out of range"];

        var schemas = OpenLineageSchemas.Instance;
        var kind = OpenLineageEvent.KindOf(root.ContainsKey("run") || root.ContainsKey("eventType"), root.ContainsKey("dataset"));
        var problems = SchemaProblems.Describe(schemas.Event(kind).Validate(root)).ToList();
        // A facet token keeps its place in the event, so NJsonSchema reports paths from the event's root.
        foreach (var (location, facets) in FacetMaps(root))
        foreach (var (key, facet) in facets)
        {
            if (schemas.Facet(location, key) is { } schema && facet is JObject && !IsDeleted(facet))
                problems.AddRange(SchemaProblems.Describe(schema.Validate(facet), checkFormats: false));
        }

        var distinct = problems.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count <= MaxProblems
            ? distinct
            : [.. distinct.Take(MaxProblems), $"… and {distinct.Count - MaxProblems} more"];
    }

    /// <summary>Every facets map of the event with its location.</summary>
    private static IEnumerable<(FacetLocation Location, JObject Facets)> FacetMaps(JObject root)
    {
        if (root["run"] is JObject { } run && run["facets"] is JObject runFacets)
            yield return (FacetLocation.Run, runFacets);
        if (root["job"] is JObject { } job && job["facets"] is JObject jobFacets)
            yield return (FacetLocation.Job, jobFacets);
        if (root["dataset"] is JObject { } dataset && dataset["facets"] is JObject datasetFacets)
            yield return (FacetLocation.Dataset, datasetFacets);
        foreach (var (list, extraFacets, extraLocation) in DatasetLists)
        {
            if (root[list] is not JArray datasets) continue;
            for (var i = 0; i < datasets.Count; i++)
            {
                if (datasets[i] is not JObject item) continue;
                if (item["facets"] is JObject facets)
                    yield return (FacetLocation.Dataset, facets);
                if (item[extraFacets] is JObject extra)
                    yield return (extraLocation, extra);
            }
        }
    }

    /// <summary>The spec's way to delete a facet: <c>"_deleted": true</c> and nothing else required.</summary>
    private static bool IsDeleted(JToken facet) => facet["_deleted"] is JValue { Type: JTokenType.Boolean, Value: true };
}
