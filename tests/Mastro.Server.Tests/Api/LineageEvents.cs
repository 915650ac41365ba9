using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mastro.Testing;

namespace Mastro.Server.Tests.Api;

/// <summary>OpenLineage events for the API tests: built from parts, or the shared fixtures (templates completed).</summary>
internal static partial class LineageEvents
{
    public const string Producer = "https://github.com/OpenLineage/OpenLineage/tree/1.9.1/integration/spark";
    public const string SchemaUrl = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    private const string FacetSchemaUrl = "https://openlineage.io/spec/facets/1-0-0/Facet.json";

    public static readonly DateTimeOffset T0 = new(2024, 1, 31, 12, 0, 0, TimeSpan.Zero);

    public static string FixtureFolder => RepositoryPaths.Fixture("openlineage", "events");

    public static string FixtureText(string fileName) => File.ReadAllText(Path.Combine(FixtureFolder, fileName));

    public static JsonObject RunEvent(
        string eventType, string runId, DateTimeOffset time, string jobNamespace, string jobName,
        JsonNode[]? inputs = null, JsonNode[]? outputs = null, JsonObject? runFacets = null, JsonObject? jobFacets = null) => new()
    {
        ["eventType"] = eventType,
        ["eventTime"] = time.ToString("O"),
        ["run"] = new JsonObject { ["runId"] = runId, ["facets"] = runFacets ?? new JsonObject() },
        ["job"] = new JsonObject { ["namespace"] = jobNamespace, ["name"] = jobName, ["facets"] = jobFacets ?? new JsonObject() },
        ["inputs"] = new JsonArray(inputs ?? []),
        ["outputs"] = new JsonArray(outputs ?? []),
        ["producer"] = Producer,
        ["schemaURL"] = SchemaUrl,
    };

    public static JsonObject Dataset(string ns, string name, JsonObject? facets = null) =>
        new() { ["namespace"] = ns, ["name"] = name, ["facets"] = facets ?? new JsonObject() };

    /// <summary>A facet with the base fields every facet needs.</summary>
    public static JsonObject Facet(JsonObject fields)
    {
        fields["_producer"] = Producer;
        fields["_schemaURL"] = FacetSchemaUrl;
        return fields;
    }

    public static JsonObject SchemaFacet(params (string Name, string Type)[] fields) => Facet(new JsonObject
    {
        ["fields"] = new JsonArray(fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type }).ToArray()),
    });

    public static JsonObject TableSymlink(string ns, string name) => Facet(new JsonObject
    {
        ["identifiers"] = new JsonArray(new JsonObject { ["namespace"] = ns, ["name"] = name, ["type"] = "TABLE" }),
    });

    /// <summary>
    /// A fixture made a valid event: a partial-match template gets what it lacks (eventTime, producer, schemaURL, a
    /// run id, the facets' base fields) and its <c>${json-unit…}</c> placeholders are replaced by concrete values;
    /// everything the template does say (names, facets) is kept.
    /// </summary>
    public static JsonObject Completed(string fileName)
    {
        var text = RegexPlaceholder().Replace(FixtureText(fileName), "$1/tmp")
            .Replace("${json-unit.any-string}", "1.9.1", StringComparison.Ordinal);
        var json = JsonNode.Parse(text)!.AsObject();
        json["eventTime"] ??= T0.ToString("O");
        json["producer"] ??= Producer;
        json["schemaURL"] ??= SchemaUrl;
        if (json.ContainsKey("eventType"))
        {
            json["run"] ??= new JsonObject();
            json["run"]!["runId"] ??= Guid.NewGuid().ToString();
        }
        // Partial matches leave out what they do not check: a parent facet needs its run, a symlink its namespace.
        if (json["run"]?["facets"]?["parent"] is JsonObject parent)
            parent["run"] ??= new JsonObject { ["runId"] = Guid.NewGuid().ToString() };
        foreach (var dataset in DatasetsOf(json))
        foreach (var identifier in dataset["facets"]?["symlinks"]?["identifiers"]?.AsArray() ?? [])
            identifier!["namespace"] ??= (string?)dataset["namespace"];
        foreach (var facets in FacetMaps(json))
        foreach (var (_, facet) in facets)
        {
            if (facet is not JsonObject fields) continue;
            fields["_producer"] ??= Producer;
            fields["_schemaURL"] ??= FacetSchemaUrl;
        }
        return json;
    }

    private static IEnumerable<JsonObject> FacetMaps(JsonObject json)
    {
        foreach (var owner in (string[])["run", "job", "dataset"])
            if (json[owner]?["facets"] is JsonObject facets) yield return facets;
        foreach (var dataset in DatasetsOf(json))
        foreach (var key in (string[])["facets", "inputFacets", "outputFacets"])
            if (dataset[key] is JsonObject facets) yield return facets;
    }

    private static IEnumerable<JsonObject> DatasetsOf(JsonObject json) =>
        ((string[])["inputs", "outputs"]).SelectMany(list => json[list]?.AsArray() ?? []).OfType<JsonObject>();

    /// <summary><c>${json-unit.regex}.*/spark-warehouse</c> or <c>${json-unit.regex}file:.*/spark-warehouse</c>.</summary>
    [GeneratedRegex(@"\$\{json-unit\.regex\}(file:)?\.\*")]
    private static partial Regex RegexPlaceholder();
}
