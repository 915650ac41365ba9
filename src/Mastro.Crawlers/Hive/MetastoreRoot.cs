using Mastro.Core.Config;

namespace Mastro.Crawlers.Hive;

/// <summary>What to crawl in the metastore: <c>""</c> (everything), <c>db</c>, or <c>db/table</c>.</summary>
public sealed record MetastoreRoot(string? Database, string? Table)
{
    public static MetastoreRoot Parse(string root, string key)
    {
        var parts = root.Trim().Trim('/').Split('/');
        return parts switch
        {
            [""] => new MetastoreRoot(null, null),
            [var db] => new MetastoreRoot(db, null),
            [var db, var table] when db.Length > 0 && table.Length > 0 => new MetastoreRoot(db, table),
            _ => throw new ConfigException($"{key}: '{root}' is not \"\", db or db/table"),
        };
    }

    public override string ToString() => Database is null ? "all databases" : Table is null ? Database : $"{Database}/{Table}";
}
