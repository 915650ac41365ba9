using Mastro.Crawlers.Sources;

namespace Mastro.Crawlers.SparkLogs;

/// <summary>Reads Spark's <c>struct&lt;age:bigint,name:string,price:decimal(10,2)&gt;</c> (a scan's ReadSchema) into columns.</summary>
public static class StructSchema
{
    public static IReadOnlyList<SchemaColumn>? Parse(string text)
    {
        text = text.Trim();
        if (!text.StartsWith("struct<", StringComparison.Ordinal) || !text.EndsWith('>')) return null;
        var columns = new List<SchemaColumn>();
        foreach (var field in SparkPlanDatasets.TopLevelSplit(text["struct<".Length..^1]))
        {
            var colon = field.IndexOf(':');
            if (colon <= 0) return null;
            columns.Add(new SchemaColumn(field[..colon].Trim('`'), field[(colon + 1)..], ""));
        }
        return columns;
    }
}
