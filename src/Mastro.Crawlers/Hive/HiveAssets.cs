using System.Text.Json;
using System.Text.Json.Nodes;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Crawlers.Push;
using Mastro.Crawlers.Sources;

namespace Mastro.Crawlers.Hive;

/// <summary>
/// Metastore rows as assets: a <c>database</c> per database and a <c>table</c> per table named <c>db.table</c>
/// (the original used the bare table name, which collided across databases) depending on its database, with
/// <c>labels.schema</c> as a list of <c>{name, type, comment}</c> and partition keys kept apart from the columns.
/// </summary>
public static class HiveAssets
{
    private const string SparkSchemaPrefix = "spark.sql.sources.schema";

    public static Asset Database(MetastoreDatabase database) => new()
    {
        Name = database.Name,
        Type = AssetTypes.Database,
        Description = database.Description ?? "",
        Labels = JsonLabels.From(new JsonObject
        {
            ["location"] = database.Location,
            ["owner"] = database.Owner,
            ["parameters"] = Map(database.Parameters),
        }),
    };

    public static Asset Table(MetastoreDatabase database, MetastoreTable table)
    {
        var columns = SparkSchema(table.Parameters) ?? table.Columns;
        var parameters = table.Parameters
            .Where(p => p.Key != "comment" && !p.Key.StartsWith(SparkSchemaPrefix, StringComparison.Ordinal))
            .ToDictionary();
        return new Asset
        {
            Name = $"{database.Name}.{table.Name}",
            Type = AssetTypes.Table,
            Description = table.Parameters.GetValueOrDefault("comment") ?? "",
            DependsOn = [database.Name],
            Labels = JsonLabels.From(new JsonObject
            {
                ["schema"] = SchemaColumns.Label(columns),
                ["partition-keys"] = table.PartitionKeys.Count > 0 ? SchemaColumns.Label(table.PartitionKeys) : null,
                ["table-type"] = table.TableType,
                ["format"] = Format(table),
                ["location"] = string.IsNullOrEmpty(table.Location) ? null : table.Location,
                ["owner"] = table.Owner,
                ["created-at"] = table.CreatedAt is { } created ? Timestamps.Format(created) : null,
                ["input-format"] = table.InputFormat,
                ["output-format"] = table.OutputFormat,
                ["serde"] = table.SerDe,
                ["serde-parameters"] = Map(table.SerDeParameters),
                ["parameters"] = Map(parameters),
                ["view-text"] = table.ViewText,
            }),
        };
    }

    /// <summary>
    /// Spark datasource tables keep a placeholder in COLUMNS_V2 (<c>col array&lt;string&gt;</c>) and the real schema as JSON
    /// in <c>spark.sql.sources.schema</c> (or split over <c>.part.0…N</c>); prefer that when present.
    /// </summary>
    private static IReadOnlyList<SchemaColumn>? SparkSchema(IReadOnlyDictionary<string, string> parameters)
    {
        var json = parameters.GetValueOrDefault(SparkSchemaPrefix);
        if (json is null && int.TryParse(parameters.GetValueOrDefault($"{SparkSchemaPrefix}.numParts"), out var parts))
        {
            var pieces = Enumerable.Range(0, parts).Select(i => parameters.GetValueOrDefault($"{SparkSchemaPrefix}.part.{i}")).ToList();
            json = pieces.Any(p => p is null) ? null : string.Concat(pieces);
        }
        if (json is null) return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array) return null;
            return fields.EnumerateArray().Select(f => new SchemaColumn(
                f.GetProperty("name").GetString() ?? "",
                f.GetProperty("type") is { ValueKind: JsonValueKind.String } type ? type.GetString()! : f.GetProperty("type").GetRawText(),
                f.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                    && metadata.TryGetProperty("comment", out var comment) && comment.ValueKind == JsonValueKind.String
                    ? comment.GetString()! : "")).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null; // a malformed Spark schema leaves the metastore's own columns
        }
    }

    /// <summary>A short storage format name from the Spark provider, the SerDe or the input format.</summary>
    private static string? Format(MetastoreTable table)
    {
        if (table.Parameters.GetValueOrDefault("spark.sql.sources.provider") is { Length: > 0 } provider) return provider.ToLowerInvariant();
        var classes = $"{table.SerDe} {table.InputFormat}";
        (string Marker, string Format)[] known =
        [
            ("Parquet", "parquet"), ("Orc", "orc"), ("Avro", "avro"), ("JsonSerDe", "json"), ("OpenCSVSerde", "csv"),
            ("RCFile", "rcfile"), ("SequenceFile", "sequencefile"), ("TextInputFormat", "text"),
        ];
        return known.FirstOrDefault(k => classes.Contains(k.Marker, StringComparison.OrdinalIgnoreCase)).Format;
    }

    private static JsonObject? Map(IReadOnlyDictionary<string, string> values) =>
        values.Count == 0 ? null : new JsonObject(values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
}
