using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mastro.Crawlers.SparkLogs;

/// <summary>
/// Finds what a SQL execution read and wrote by walking its <c>sparkPlanInfo</c> tree (INTEGRATIONS.md §a):
/// <c>Scan &lt;format&gt;</c> nodes with a <c>Location</c> are file inputs, <c>Scan hive db.table</c> are table inputs,
/// <c>Execute &lt;WriteCommand&gt;</c> nodes are outputs (their arguments are only in <c>simpleString</c>).
/// </summary>
public static partial class SparkPlanDatasets
{
    /// <summary>Write commands whose first argument is the target table.</summary>
    private static readonly HashSet<string> TableWriteCommands =
    [
        "CreateDataSourceTableAsSelectCommand", "CreateHiveTableAsSelectCommand", "OptimizedCreateHiveTableAsSelectCommand",
        "InsertIntoHiveTable", "InsertIntoDataSourceCommand", "CreateTableAsSelect",
    ];

    private const string FileWriteCommand = "InsertIntoHadoopFsRelationCommand";

    private static readonly HashSet<string> NotFormats =
        new(["true", "false", "Append", "Overwrite", "ErrorIfExists", "Ignore", "None"], StringComparer.OrdinalIgnoreCase);

    public static (List<DatasetReference> Inputs, List<DatasetReference> Outputs) Extract(JsonElement plan)
    {
        var inputs = new List<DatasetReference>();
        var outputs = new List<DatasetReference>();
        Walk(plan, inputs, outputs, depth: 0);
        return (inputs, outputs);
    }

    private static void Walk(JsonElement node, List<DatasetReference> inputs, List<DatasetReference> outputs, int depth)
    {
        // Plans are trees of modest depth; the guard keeps a malicious log from exhausting the stack.
        if (node.ValueKind != JsonValueKind.Object || depth > 500) return;
        var name = Text(node, "nodeName").Trim();
        if (name.StartsWith("Scan ", StringComparison.Ordinal))
            inputs.AddRange(Scan(name, node));
        else if (name.StartsWith("Execute ", StringComparison.Ordinal))
            outputs.AddRange(Write(name["Execute ".Length..].Trim(), Text(node, "simpleString")));
        if (node.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array)
            foreach (var child in children.EnumerateArray())
                Walk(child, inputs, outputs, depth + 1);
    }

    private static IEnumerable<DatasetReference> Scan(string nodeName, JsonElement node)
    {
        var what = nodeName["Scan ".Length..].Trim();
        if (what.StartsWith("hive ", StringComparison.Ordinal))
        {
            var table = TableName(what["hive ".Length..].Trim());
            return table is null ? [] : [new DatasetReference(table, "table", "hive", null, null)];
        }
        if (JdbcScan().Match(what) is { Success: true } jdbc)
            return [new DatasetReference($"jdbc:{jdbc.Groups["table"].Value}", "dataset", "jdbc", null, null)];
        if (!node.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
            return [];
        var location = Text(metadata, "Location");
        var format = Text(metadata, "Format") is { Length: > 0 } f ? f.ToLowerInvariant() : what.ToLowerInvariant();
        var schema = StructSchema.Parse(Text(metadata, "ReadSchema"));
        return Locations(location).Select(path => new DatasetReference(path, "dataset", format, path, schema));
    }

    private static IEnumerable<DatasetReference> Write(string command, string simpleString)
    {
        var space = command.IndexOf(' ');
        var commandName = space < 0 ? command : command[..space];
        var prefix = $"Execute {commandName}";
        var arguments = simpleString.StartsWith(prefix, StringComparison.Ordinal)
            ? TopLevelSplit(simpleString[prefix.Length..].Trim())
            : [];
        if (arguments.Count == 0) return [];
        if (TableWriteCommands.Contains(commandName))
            return TableName(arguments[0]) is { } target ? [new DatasetReference(target, "table", null, null, null)] : [];
        if (commandName != FileWriteCommand) return [];

        var path = DatasetPaths.Normalise(arguments[0]);
        var format = arguments.Skip(1).FirstOrDefault(a => FormatToken().IsMatch(a) && !NotFormats.Contains(a))?.ToLowerInvariant();
        // saveAsTable/INSERT INTO a catalog table: the table identifier is among the arguments.
        var table = arguments.Skip(1).Where(a => a.StartsWith('`')).Select(TableName).FirstOrDefault(t => t is not null);
        return table is not null
            ? [new DatasetReference(table, "table", format, path, null)]
            : [new DatasetReference(path, "dataset", format, path, null)];
    }

    /// <summary>
    /// <c>InMemoryFileIndex[file:/a, file:/b]</c>, <c>InMemoryFileIndex(2 paths)[…]</c>, <c>CatalogFileIndex[s3a://…]</c>: the paths inside.
    /// Spark cuts long lists with <c>...</c>; cut-off entries are dropped rather than catalogued wrongly.
    /// </summary>
    private static IEnumerable<string> Locations(string location)
    {
        var open = location.IndexOf('[');
        var close = location.LastIndexOf(']');
        var inner = open >= 0 && close > open ? location[(open + 1)..close] : location;
        return inner.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !p.EndsWith("...", StringComparison.Ordinal) && (p.Contains(':') || p.StartsWith('/')))
            .Select(DatasetPaths.Normalise)
            .Distinct();
    }

    /// <summary><c>`db`.`t`</c>, <c>`spark_catalog`.`db`.`t`</c> or <c>db.t</c> → <c>db.t</c>; anything else → null.</summary>
    internal static string? TableName(string text)
    {
        var match = TableIdentifier().Match(text.Trim());
        if (!match.Success) return null;
        var parts = match.Groups["part"].Captures.Select(c => c.Value.Trim('`')).ToList();
        if (parts.Count == 3 && parts[0] == "spark_catalog") parts.RemoveAt(0);
        return parts.Count == 2 ? $"{parts[0]}.{parts[1]}" : null;
    }

    /// <summary>Splits <c>a, Map(x -> 1, y -> 2), [c, d]</c> on commas outside brackets.</summary>
    internal static List<string> TopLevelSplit(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '>' when i > 0 && text[i - 1] == '-': break; // Scala's Map(k -> v) arrow
                case '(' or '[' or '<' or '{': depth++; break;
                case ')' or ']' or '>' or '}': depth = Math.Max(0, depth - 1); break;
                case ',' when depth == 0:
                    parts.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        if (start < text.Length) parts.Add(text[start..].Trim());
        return parts.Where(p => p.Length > 0).ToList();
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    [GeneratedRegex(@"^(?<part>`[^`]+`|[A-Za-z0-9_]+)(\.(?<part>`[^`]+`|[A-Za-z0-9_]+)){1,2}$")]
    private static partial Regex TableIdentifier();

    [GeneratedRegex(@"^JDBCRelation\((?<table>[^)]+)\)")]
    private static partial Regex JdbcScan();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex FormatToken();
}
