using Mastro.Core.Model;

namespace Mastro.Core.Lineage.Naming;

/// <summary>
/// Asset names for OpenLineage datasets (namespace + name, website/docs/spec/naming.md), chosen so that what
/// crawlers catalogue and what lineage reports meet in one asset:
/// <list type="bullet">
/// <item>Hive and Glue tables are <c>db.table</c>, as the Hive crawler names them (<c>hive://host:9083</c> +
/// <c>db.table</c>; <c>arn:aws:glue:…</c> + <c>table/db/table</c>) — type <c>table</c>.</item>
/// <item>Local files are <c>file:/abs/path</c>, as Spark writes paths in its event logs (and the Spark log crawler
/// names them); every other location is namespace + <c>/</c> + name: <c>s3://bucket/key</c>,
/// <c>hdfs://nn:8020/path</c>, <c>gs://bucket/key</c> — type <c>dataset</c>.</item>
/// <item>Database tables keep their server: <c>postgres://host:5432/db.schema.table</c> — type <c>table</c>;
/// Kafka, Pulsar and Kinesis topics are <c>stream</c>s.</item>
/// </list>
/// Namespaces are normalised first: surrounding blanks and trailing slashes go, the scheme is lower-cased and
/// <c>s3a://</c>/<c>s3n://</c> become <c>s3://</c> (Hadoop's names for the same bucket).
/// </summary>
public static class DatasetNames
{
    /// <summary>Symlink type Spark uses for the catalog table of a path dataset.</summary>
    private const string TableSymlink = "TABLE";

    private static readonly HashSet<string> TableCatalogSchemes = new(StringComparer.Ordinal) { "hive" };

    private static readonly HashSet<string> DatabaseSchemes = new(StringComparer.Ordinal)
    {
        "postgres", "postgresql", "mysql", "mariadb", "sqlserver", "mssql", "oracle", "db2", "redshift", "snowflake",
        "bigquery", "trino", "presto", "teradata", "athena", "awsathena", "clickhouse", "duckdb", "sqlite", "vertica",
        "databricks", "spanner", "azurecosmos", "cassandra", "mongodb", "dynamodb",
    };

    private static readonly HashSet<string> StreamSchemes = new(StringComparer.Ordinal) { "kafka", "pulsar", "kinesis" };

    private const string GluePrefix = "arn:aws:glue:";

    /// <summary>The asset for dataset <paramref name="name"/> in namespace <paramref name="ns"/>.</summary>
    public static DatasetIdentity Identify(string ns, string name)
    {
        var normalized = NormalizeNamespace(ns);
        var scheme = Scheme(normalized);
        if (TableCatalogSchemes.Contains(scheme))
            return new DatasetIdentity(name, AssetTypes.Table);
        if (normalized.StartsWith(GluePrefix, StringComparison.Ordinal) && GlueTable(name) is { } glueTable)
            return new DatasetIdentity(glueTable, AssetTypes.Table);
        if (normalized == "file")
            return new DatasetIdentity("file:" + name, AssetTypes.Dataset);
        var type = DatabaseSchemes.Contains(scheme) ? AssetTypes.Table
            : StreamSchemes.Contains(scheme) ? AssetTypes.Stream
            : AssetTypes.Dataset;
        return new DatasetIdentity(Join(normalized, name), type);
    }

    /// <summary>
    /// The asset a <c>symlinks</c> identifier names. A <c>TABLE</c> identifier from Spark carries the catalog's
    /// warehouse as namespace (<c>file:/tmp/warehouse</c> + <c>default.t</c>), so unless that namespace is a
    /// database server it names the metastore table <c>db.table</c>.
    /// </summary>
    public static DatasetIdentity IdentifySymlink(string ns, string name, string? type)
    {
        var normalized = NormalizeNamespace(ns);
        var namespaceNamesTheTable = DatabaseSchemes.Contains(Scheme(normalized)) || normalized.StartsWith(GluePrefix, StringComparison.Ordinal);
        return string.Equals(type, TableSymlink, StringComparison.OrdinalIgnoreCase) && !namespaceNamesTheTable
            ? new DatasetIdentity(name, AssetTypes.Table)
            : Identify(ns, name);
    }

    public static string NormalizeNamespace(string ns)
    {
        var trimmed = ns.Trim();
        trimmed = trimmed.Length > 1 ? trimmed.TrimEnd('/') : trimmed;
        var colon = trimmed.IndexOf(':');
        if (colon <= 0 || !IsScheme(trimmed[..colon]))
            return trimmed;
        var scheme = trimmed[..colon].ToLowerInvariant() switch
        {
            "s3a" or "s3n" => "s3",
            var other => other,
        };
        return scheme + trimmed[colon..];
    }

    /// <summary><c>namespace/name</c>, without doubling the slash when the name is an absolute path.</summary>
    private static string Join(string ns, string name) =>
        ns.Length == 0 ? name
        : name.Length == 0 ? ns
        : $"{ns}/{name.TrimStart('/')}";

    private static string Scheme(string ns)
    {
        var colon = ns.IndexOf(':');
        return colon > 0 && IsScheme(ns[..colon]) ? ns[..colon] : "";
    }

    /// <summary>RFC 3986: a letter, then letters, digits, <c>+</c>, <c>-</c> or <c>.</c>.</summary>
    private static bool IsScheme(string text) =>
        char.IsAsciiLetter(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');

    /// <summary>Glue names tables <c>table/{db}/{table}</c>.</summary>
    private static string? GlueTable(string name)
    {
        var parts = name.Split('/');
        return parts is ["table", var db, var table] ? $"{db}.{table}" : null;
    }
}
