using Mastro.Crawlers.Sources;

namespace Mastro.Crawlers.SparkLogs;

/// <summary>A dataset a Spark SQL plan reads or writes: a file path (<c>dataset</c>) or a catalog table (<c>table</c>, <c>db.table</c>).</summary>
public sealed record DatasetReference(string Name, string AssetType, string? Format, string? Location, IReadOnlyList<SchemaColumn>? Schema);
