using Mastro.Crawlers.Sources;

namespace Mastro.Crawlers.Hive;

/// <summary>A database row of the metastore (<c>DBS</c> + <c>DATABASE_PARAMS</c>).</summary>
public sealed record MetastoreDatabase(long Id, string Name, string? Description, string? Location, string? Owner,
    IReadOnlyDictionary<string, string> Parameters);

/// <summary>A table with its storage descriptor, SerDe, columns, partition keys and parameters.</summary>
public sealed record MetastoreTable
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public string? TableType { get; init; }
    public string? Owner { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? ViewText { get; init; }
    public string? Location { get; init; }
    public string? InputFormat { get; init; }
    public string? OutputFormat { get; init; }
    public string? SerDe { get; init; }
    public long? ColumnDescriptorId { get; init; }
    public long? SerDeId { get; init; }
    public IReadOnlyList<SchemaColumn> Columns { get; init; } = [];
    public IReadOnlyList<SchemaColumn> PartitionKeys { get; init; } = [];
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> SerDeParameters { get; init; } = new Dictionary<string, string>();
}
