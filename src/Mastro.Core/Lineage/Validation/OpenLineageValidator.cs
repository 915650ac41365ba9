using System.Text.Json;
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

    /// <summary>
    /// How the quick check reads an event: a repeated property (Json.NET keeps the last, System.Text.Json may not)
    /// or nesting near Json.NET's depth limit of 64 fails the quick check and leaves the event to NJsonSchema.
    /// </summary>
    private static readonly JsonDocumentOptions QuickReading = new() { AllowDuplicateProperties = false, MaxDepth = 60 };

    /// <summary>Returns every way <paramref name="json"/> breaks the spec, each naming the JSON path and the rule; empty when valid.</summary>
    /// <remarks>
    /// Valid events, nearly all that arrive, are recognised by the compiled schemas (<see cref="CompiledSchema"/>):
    /// ~12 µs of CPU for the bench's event against ~70 µs for NJsonSchema with its Json.NET tree. NJsonSchema only
    /// describes the problems of the others and judges what the compiled schemas leave open, so the verdicts are
    /// NJsonSchema's either way.
    /// </remarks>
    public static IReadOnlyList<string> Problems(string json) =>
        QuickVerdict(json) == SchemaVerdict.Valid ? [] : ProblemsFoundByNJsonSchema(json);

    /// <summary>The verdict of the compiled schemas: the event schema for the event's kind, then every known facet where it occurs.</summary>
    internal static SchemaVerdict QuickVerdict(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, QuickReading);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || JsonNumbers.HasOutOfRangeNumber(root))
                return SchemaVerdict.Unknown;

            var schemas = OpenLineageSchemas.Instance;
            var kind = OpenLineageEvent.KindOf(root.TryGetProperty("run", out _) || root.TryGetProperty("eventType", out _), root.TryGetProperty("dataset", out _));
            var verdict = schemas.CompiledEvent(kind).Check(root, CompiledSchema.FormatRule.Enforce);
            foreach (var (location, facets) in FacetMaps.Of(root, ObjectAt, ObjectsInArrayAt))
            foreach (var facet in facets.EnumerateObject())
            {
                if (verdict == SchemaVerdict.Invalid) return verdict;
                if (schemas.CompiledFacet(location, facet.Name) is { } schema && facet.Value.ValueKind == JsonValueKind.Object && !IsDeleted(facet.Value))
                    verdict = verdict.And(schema.Check(facet.Value, CompiledSchema.FormatRule.Ignore));
            }
            return verdict;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            // Not readable the way the quick check reads (a repeated property, a string that is not valid UTF-16…).
            return SchemaVerdict.Unknown;
        }
    }

    /// <summary>The problems NJsonSchema finds, described; the slow path, for events the quick check does not pass.</summary>
    internal static IReadOnlyList<string> ProblemsFoundByNJsonSchema(string json)
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
        foreach (var (location, facets) in FacetMaps.Of(root, ObjectAt, ObjectsInArrayAt))
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

    private static IEnumerable<JObject> ObjectAt(JObject parent, string property) =>
        parent[property] is JObject child ? [child] : [];

    private static IEnumerable<JObject> ObjectsInArrayAt(JObject parent, string property) =>
        parent[property] is JArray items ? items.OfType<JObject>() : [];

    private static IEnumerable<JsonElement> ObjectAt(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var child) && child.ValueKind == JsonValueKind.Object ? [child] : [];

    private static IEnumerable<JsonElement> ObjectsInArrayAt(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object)
            : [];

    /// <summary>The spec's way to delete a facet: <c>"_deleted": true</c> and nothing else required.</summary>
    private static bool IsDeleted(JToken facet) => facet["_deleted"] is JValue { Type: JTokenType.Boolean, Value: true };

    private static bool IsDeleted(JsonElement facet) =>
        facet.TryGetProperty("_deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True;
}
