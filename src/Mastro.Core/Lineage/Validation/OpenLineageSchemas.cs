using System.Reflection;
using Mastro.Core.Lineage.Events;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.References;

namespace Mastro.Core.Lineage.Validation;

/// <summary>
/// The OpenLineage JSON schemas embedded in this assembly (Lineage/Schemas, copied from the spec): the event
/// schema and the facet schemas Mastro maps, ready to validate against.
/// </summary>
/// <remarks>
/// The spec files are JSON Schema draft 2020-12, which keeps definitions under <c>$defs</c>; NJsonSchema 10.7 only
/// resolves the draft-7 <c>definitions</c>. The spec uses no other 2020-12 keyword, so renaming <c>$defs</c> to
/// <c>definitions</c> (keys and <c>#/$defs/</c> references) when loading gives exactly the same rules.
/// </remarks>
public sealed class OpenLineageSchemas
{
    private const string ResourcePrefix = "OpenLineageSchemas/";
    private const string EventSchemaFile = "OpenLineage.json";

    /// <summary>The <c>$id</c> the facet files use to refer to the event schema.</summary>
    private const string EventSchemaId = "https://openlineage.io/spec/2-0-2/OpenLineage.json";

    /// <summary>Where the facet files are published; only used as their document path, so that relative references resolve within each file.</summary>
    private const string FacetSchemaFolder = "https://openlineage.io/spec/facets/";

    private static readonly Lazy<OpenLineageSchemas> Embedded = new(Load);

    private readonly IReadOnlyDictionary<OpenLineageEventKind, JsonSchema> _events;
    private readonly IReadOnlyDictionary<(FacetLocation, string), JsonSchema> _facets;
    private readonly IReadOnlyDictionary<OpenLineageEventKind, CompiledSchema> _compiledEvents;
    private readonly IReadOnlyDictionary<(FacetLocation, string), CompiledSchema> _compiledFacets;

    private OpenLineageSchemas(
        IReadOnlyDictionary<OpenLineageEventKind, JsonSchema> events, IReadOnlyDictionary<(FacetLocation, string), JsonSchema> facets)
    {
        _events = events;
        _facets = facets;
        // Shared, so that each schema (the base facet, say) compiles once however many others refer to it.
        var compiled = new Dictionary<JsonSchema, CompiledSchema>(ReferenceEqualityComparer.Instance);
        _compiledEvents = events.ToDictionary(e => e.Key, e => CompiledSchema.Compile(e.Value, compiled));
        _compiledFacets = facets.ToDictionary(f => f.Key, f => CompiledSchema.Compile(f.Value, compiled));
    }

    /// <summary>The schemas, loaded once per process.</summary>
    public static OpenLineageSchemas Instance => Embedded.Value;

    public JsonSchema Event(OpenLineageEventKind kind) => _events[kind];

    /// <summary>The schema of facet <paramref name="key"/> at <paramref name="location"/>, or null for a facet without one here.</summary>
    public JsonSchema? Facet(FacetLocation location, string key) => _facets.GetValueOrDefault((location, key));

    internal CompiledSchema CompiledEvent(OpenLineageEventKind kind) => _compiledEvents[kind];

    internal CompiledSchema? CompiledFacet(FacetLocation location, string key) => _compiledFacets.GetValueOrDefault((location, key));

    private static OpenLineageSchemas Load()
    {
        var assembly = typeof(OpenLineageSchemas).Assembly;
        // Loading resolves references against documents already in memory only (no file or network access),
        // so the tasks complete synchronously and waiting on them cannot block on anything.
        var eventSchema = JsonSchema.FromJsonAsync(Read(assembly, EventSchemaFile)).GetAwaiter().GetResult();
        var events = new Dictionary<OpenLineageEventKind, JsonSchema>
        {
            [OpenLineageEventKind.Run] = eventSchema.Definitions["RunEvent"],
            [OpenLineageEventKind.Dataset] = eventSchema.Definitions["DatasetEvent"],
            [OpenLineageEventKind.Job] = eventSchema.Definitions["JobEvent"],
        };

        var facets = new Dictionary<(FacetLocation, string), JsonSchema>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(IsFacetSchema))
        {
            var fileName = resource[ResourcePrefix.Length..];
            var file = JsonSchema.FromJsonAsync(Read(assembly, fileName), FacetSchemaFolder + fileName, schema => ResolverWith(schema, eventSchema))
                .GetAwaiter().GetResult();
            // Each facet file describes a facets map holding just its facet: {"properties": {"<key>": {"$ref": …}}}.
            foreach (var (key, property) in file.Properties)
                facets[(LocationOf(fileName), key)] = property.ActualSchema;
        }
        return new OpenLineageSchemas(events, facets);
    }

    private static bool IsFacetSchema(string resource) =>
        resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) && resource != ResourcePrefix + EventSchemaFile;

    /// <summary>The facet files are named after their facet class, whose suffix says where the facet goes.</summary>
    private static FacetLocation LocationOf(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        return name switch
        {
            _ when name.EndsWith("InputDatasetFacet", StringComparison.Ordinal) => FacetLocation.InputDataset,
            _ when name.EndsWith("OutputDatasetFacet", StringComparison.Ordinal) => FacetLocation.OutputDataset,
            _ when name.EndsWith("DatasetFacet", StringComparison.Ordinal) => FacetLocation.Dataset,
            _ when name.EndsWith("JobFacet", StringComparison.Ordinal) => FacetLocation.Job,
            _ when name.EndsWith("RunFacet", StringComparison.Ordinal) => FacetLocation.Run,
            _ => throw new InvalidOperationException($"cannot tell where facet schema {fileName} applies (expected a *RunFacet, *JobFacet or *DatasetFacet file)"),
        };
    }

    private static JsonReferenceResolver ResolverWith(JsonSchema schema, JsonSchema eventSchema)
    {
        var resolver = new JsonReferenceResolver(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()));
        resolver.AddDocumentReference(EventSchemaId, eventSchema);
        return resolver;
    }

    private static string Read(Assembly assembly, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"OpenLineage schema {fileName} is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Replace("\"$defs\"", "\"definitions\"", StringComparison.Ordinal)
            .Replace("#/$defs/", "#/definitions/", StringComparison.Ordinal);
    }
}
