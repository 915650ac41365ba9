using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Lineage;
using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Sqlite;

/// <summary>The catalogue in SQLite: table <c>asset</c> with its tag, label and full-text side tables.</summary>
internal sealed class SqliteAssetStore(SqliteDatabase database) : IAssetStore
{
    internal const string Columns =
        "t.name, t.type, t.description, t.published_on, t.last_discovered_at, t.depends_on, t.labels, t.tags, t.versions";

    // Listings follow first insertion, which the never-changing rowid records.
    private static readonly SqliteIndexedTable Table = new("asset", "asset_id", listOrder: "t.id", listedByRowid: true);

    private const string FindByNameSql = $"SELECT {Columns} FROM asset t WHERE t.name = $name";

    // The hottest read (GET /asset/name/…): one statement, kept prepared.
    public Task<AssetRow?> FindRowAsync(string name, CancellationToken cancellationToken) =>
        database.ReadPreparedAsync(FindByNameSql, [new("$name", name)],
            async reader => await reader.ReadAsync(cancellationToken) ? ReadRow(reader) : null,
            cancellationToken);

    public Task UpsertAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken)
    {
        // Rows and search documents are made before waiting for the single writer, so concurrent requests make theirs in parallel.
        var rows = SqliteAssetWriter.Rows(assets);
        return database.WriteAsync(connection => SqliteAssetWriter.WriteAllAsync(connection, rows, cancellationToken), cancellationToken);
    }

    private const string FindByNamesSql = $"SELECT {Columns} FROM asset t WHERE t.name IN (SELECT value FROM json_each($names))";

    /// <summary>Within the single writer's transaction (BEGIN IMMEDIATE): nothing can write between the read and the write.</summary>
    public async Task<IReadOnlyList<Asset>> UpsertCheckedAsync(
        IReadOnlyCollection<string> names, Func<IReadOnlyList<AssetRow>, IReadOnlyList<Asset>> choose, CancellationToken cancellationToken)
    {
        IReadOnlyList<Asset> chosen = [];
        await database.WriteAsync(async connection =>
        {
            chosen = choose(await ReadRowsAsync(connection, FindByNamesSql, LineageJson.Names(names), cancellationToken));
            await SqliteAssetWriter.WriteAllAsync(connection, SqliteAssetWriter.Rows(chosen), cancellationToken);
        }, cancellationToken);
        return chosen;
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        Table.DeleteAsync(database, "name", name, cancellationToken);

    public Task<Page<Asset>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        ReadPageAsync(Table.All(), page, cancellationToken);

    public Task<Page<Asset>> FindByTagsAsync(IReadOnlyCollection<string> tags, PageRequest page, CancellationToken cancellationToken)
    {
        var distinct = tags.Distinct(StringComparer.Ordinal).ToList();
        // Carrying every tag = having as many matching tag rows as there are distinct tags asked for.
        var selection = distinct.Count == 0
            ? Table.All()
            : Table.Where("""
                t.id IN (SELECT asset_id FROM asset_tag
                         WHERE tag IN (SELECT value FROM json_each($tags))
                         GROUP BY asset_id HAVING count(*) = $tagCount)
                """,
                new Dictionary<string, object>
                {
                    ["$tags"] = JsonArray(distinct),
                    ["$tagCount"] = distinct.Count,
                });
        return ReadPageAsync(selection, page, cancellationToken);
    }

    public Task<Page<Asset>> FindByLabelsAsync(LabelFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        ReadPageAsync(Table.WithLabels(filter), page, cancellationToken);

    public Task<Page<Asset>> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken) =>
        ReadPageAsync(Table.Matching(query), page, cancellationToken);

    private Task<Page<Asset>> ReadPageAsync(SqliteSelection selection, PageRequest page, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => selection.ReadPageAsync(connection, Columns, Read, page, cancellationToken), cancellationToken);

    /// <summary>A JSON array of <paramref name="values"/>, for <c>json_each</c>.</summary>
    private static string JsonArray(IReadOnlyList<string> values) =>
        JsonSerializer.Serialize(values, MastroJsonContext.Default.IReadOnlyListString);

    private static Asset Read(SqliteDataReader reader) => ReadRow(reader).ToAsset();

    /// <summary>The rows <paramref name="sql"/> selects (<see cref="Columns"/>) for <c>$names</c>, a JSON array of names.</summary>
    internal static async Task<List<AssetRow>> ReadRowsAsync(SqliteConnection connection, string sql, string namesJson, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$names", namesJson);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AssetRow>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(ReadRow(reader));
        return rows;
    }

    internal static AssetRow ReadRow(SqliteDataReader reader) => new(
        Name: reader.GetString(0),
        Type: reader.GetString(1),
        Description: reader.GetString(2),
        PublishedOn: Timestamps.FromUnixMicroseconds(reader.GetInt64(3)),
        LastDiscoveredAt: Timestamps.FromUnixMicroseconds(reader.GetInt64(4)),
        DependsOnJson: reader.GetString(5),
        LabelsJson: reader.GetString(6),
        TagsJson: reader.GetString(7),
        VersionsJson: reader.GetString(8));
}
