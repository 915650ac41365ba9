using System.Text.Json.Nodes;

namespace Mastro.Crawlers.Sources;

/// <summary>One column, as every crawler catalogues it in <c>labels.schema</c>.</summary>
public sealed record SchemaColumn(string Name, string Type, string Comment);

public static class SchemaColumns
{
    /// <summary><c>labels.schema</c>: a list of <c>{name, type, comment}</c> in column order.</summary>
    public static JsonArray Label(IEnumerable<SchemaColumn> columns) =>
        new(columns.Select(c => (JsonNode?)new JsonObject { ["name"] = c.Name, ["type"] = c.Type, ["comment"] = c.Comment }).ToArray());
}
