namespace Mastro.Crawlers.Tests.Support;

/// <summary>Manifest files used by the local and S3 crawler tests.</summary>
public static class ManifestTree
{
    public const string Valid = """
        name: sales-daily
        type: dataset
        description: Daily sales, one row per store
        published-on: 2015-08-06T17:52:48Z
        tags: [sales, daily]
        depends-on:
          - raw-sales
        labels:
          owner: data-team
          schema:
            store_id: {type: int, comment: store key}
            amount: {type: "decimal(10,2)"}
          partitions: [year, month]
        """;

    /// <summary>Indented as a whole, which the original accepted.</summary>
    public const string Indented = """
          name: raw-sales
          type: table
          labels:
            source: pos
        """;

    public const string Broken = """
        name: broken
        type: dataset
        labels: {unclosed: [1, 2
        """;

    /// <summary>Parses, but is not a valid asset (no type).</summary>
    public const string Untyped = """
        name: no-type-here
        description: forgot the type
        """;

    public static void Write(string root, string relativePath, string content)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
