using Mastro.Core.Config;

namespace Mastro.Crawlers.Config;

/// <summary>The crawler sources (<c>backend.type</c> of a crawler config).</summary>
public static class SourceTypes
{
    public const string Local = "local";
    public const string S3 = "s3";
    public const string Hive = "hive";
    public const string HiveMetastore = "hive-metastore";
    public const string Impala = "impala";
    public const string SparkLog = "sparklog";
    public const string Stac = "stac";

    public static readonly IReadOnlyList<string> All = [Local, S3, Hive, HiveMetastore, Impala, SparkLog, Stac];

    /// <summary>Sources the original had that this Mastro does not (yet) crawl, with the reason.</summary>
    private static readonly Dictionary<string, string> Unsupported = new()
    {
        ["hdfs"] = "HDFS is not crawled directly; crawl the same files through S3 (s3a) or a mounted directory (local)",
        ["kafka"] = "the original's kafka crawler was never registered and is not carried over",
    };

    public static string Check(string type)
    {
        if (string.IsNullOrWhiteSpace(type))
            throw new ConfigException($"backend.type: missing (crawler sources: {string.Join(", ", All)})");
        var normalised = type.Trim().ToLowerInvariant();
        if (All.Contains(normalised)) return normalised;
        if (Unsupported.TryGetValue(normalised, out var why))
            throw new ConfigException($"backend.type: '{type}' is not supported by this Mastro: {why} (crawler sources: {string.Join(", ", All)})");
        throw new ConfigException($"backend.type: unknown crawler '{type}' (crawler sources: {string.Join(", ", All)})");
    }
}
