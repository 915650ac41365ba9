using System.Text.Json;
using System.Text.Json.Nodes;
using Mastro.Core.Lineage.Events;

namespace Mastro.Core.Lineage.Mapping;

/// <summary>
/// Facets that become labels. Keys follow the crawlers' conventions (<c>schema</c> as a list of
/// <c>{name, type, comment}</c>, <c>format</c>, kebab-case names) so lineage and crawlers describe assets alike.
/// </summary>
public static class FacetLabels
{
    private static LineageJsonContext Json => LineageJsonContext.Default;

    /// <summary>Labels of a dataset from its <c>schema</c>, <c>dataSource</c>, <c>storage</c>, <c>ownership</c> and <c>documentation</c> facets.</summary>
    public static void ApplyDatasetFacets(AssetDraft draft, IReadOnlyDictionary<string, JsonElement>? facets)
    {
        Apply(draft, Facets.Read(facets, "schema", Json.SchemaFacet), ["schema"], (d, schema) =>
        {
            if (schema.Fields is { } fields)
                d.SetLabel("schema", Element(SchemaLabel(fields, ExistingComments(d))));
        });
        Apply(draft, Facets.Read(facets, "dataSource", Json.DataSourceFacet), ["data-source", "data-source-uri"], (d, source) =>
        {
            SetString(d, "data-source", source.Name);
            SetString(d, "data-source-uri", source.Uri);
        });
        Apply(draft, Facets.Read(facets, "storage", Json.StorageFacet), ["storage-layer", "format"], (d, storage) =>
        {
            SetString(d, "storage-layer", storage.StorageLayer);
            SetString(d, "format", storage.FileFormat);
        });
        ApplyShared(draft, facets);
    }

    /// <summary>Labels of a job from its <c>sql</c>, <c>jobType</c>, <c>sourceCodeLocation</c>, <c>ownership</c> and <c>documentation</c> facets.</summary>
    public static void ApplyJobFacets(AssetDraft draft, IReadOnlyDictionary<string, JsonElement>? facets)
    {
        Apply(draft, Facets.Read(facets, "sql", Json.SqlFacet), ["sql", "sql-dialect"], (d, sql) =>
        {
            SetString(d, "sql", sql.Query);
            SetString(d, "sql-dialect", sql.Dialect);
        });
        Apply(draft, Facets.Read(facets, "jobType", Json.JobTypeFacet), ["job-type", "processing-type", "integration"], (d, jobType) =>
        {
            SetString(d, "job-type", jobType.JobType);
            SetString(d, "processing-type", jobType.ProcessingType);
            SetString(d, "integration", jobType.Integration);
        });
        Apply(draft, Facets.Read(facets, "sourceCodeLocation", Json.SourceCodeLocationFacet), ["source-code-url"],
            (d, location) => SetString(d, "source-code-url", location.Url));
        ApplyShared(draft, facets);
    }

    private static void ApplyShared(AssetDraft draft, IReadOnlyDictionary<string, JsonElement>? facets)
    {
        Apply(draft, Facets.Read(facets, "ownership", Json.OwnershipFacet), ["owners"], (d, ownership) =>
        {
            if (ownership.Owners is { } owners)
                d.SetLabel("owners", Element(new JsonArray(owners
                    .Where(o => o.Name is not null)
                    .Select(o => (JsonNode?)new JsonObject { ["name"] = o.Name, ["type"] = o.Type })
                    .ToArray())));
        });
        Apply(draft, Facets.Read(facets, "documentation", Json.DocumentationFacet), ["documentation"], (d, documentation) =>
        {
            SetString(d, "documentation", documentation.Description);
            d.OfferDescription(documentation.Description);
        });
    }

    /// <summary>A present facet sets its labels; a deleted one removes them; an absent one changes nothing.</summary>
    private static void Apply<T>(AssetDraft draft, Facet<T> facet, string[] keys, Action<AssetDraft, T> set) where T : class
    {
        if (facet.Deleted)
            foreach (var key in keys) draft.RemoveLabel(key);
        else if (facet.Value is { } value)
            set(draft, value);
    }

    private static void SetString(AssetDraft draft, string key, string? value)
    {
        if (value is not null)
            draft.SetLabel(key, JsonSerializer.SerializeToElement(value, Json.String));
    }

    /// <summary>
    /// <c>{name, type, comment}</c> per field, nested fields under <c>fields</c>. A field without a description keeps
    /// the comment the asset already had for it (a Hive crawler's column comments survive a Spark event).
    /// </summary>
    private static JsonArray SchemaLabel(IReadOnlyList<SchemaFacetField> fields, IReadOnlyDictionary<string, string> comments) =>
        new(fields.Where(f => f.Name is not null).Select(field =>
        {
            var column = new JsonObject
            {
                ["name"] = field.Name,
                ["type"] = field.Type ?? "",
                ["comment"] = field.Description ?? comments.GetValueOrDefault(field.Name!) ?? "",
            };
            if (field.Fields is { Count: > 0 } nested)
                column["fields"] = SchemaLabel(nested, new Dictionary<string, string>());
            return (JsonNode?)column;
        }).ToArray());

    private static IReadOnlyDictionary<string, string> ExistingComments(AssetDraft draft)
    {
        var comments = new Dictionary<string, string>(StringComparer.Ordinal);
        if (draft.Label("schema") is not { ValueKind: JsonValueKind.Array } schema)
            return comments;
        foreach (var column in schema.EnumerateArray())
        {
            if (column.ValueKind == JsonValueKind.Object
                && column.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && column.TryGetProperty("comment", out var comment) && comment.ValueKind == JsonValueKind.String
                && comment.GetString() is { Length: > 0 } text)
                comments[name.GetString()!] = text;
        }
        return comments;
    }

    private static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node, Json.JsonNode);
}
