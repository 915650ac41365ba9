using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Mastro.Storage.Postgres;

/// <summary>The catalogue in the <c>assets</c> table; listings follow the identity id, i.e. first insertion.</summary>
internal sealed class PostgresAssetStore(PostgresDatabase database) : IAssetStore
{
    private const string InsertionOrder = "id";

    private const string Columns =
        "name, type, description, published_on, last_discovered_at, depends_on, labels, tags, versions";

    private readonly TableReader<AssetRow> _rows = new(database, "assets", Columns, Read);

    /// <summary>
    /// The whole batch as one statement over parallel arrays: a few parameters whatever the batch size, one
    /// round trip, atomic. New assets get ids (listing positions) in batch order, drawn before writing; rows are
    /// then written in name order, so that concurrent batches naming the same assets lock them in the same order
    /// and cannot deadlock (in batch order, 32 writers with overlapping batches deadlocked faster than retries helped).
    /// </summary>
    private const string UpsertSql = """
        WITH batch AS (
            SELECT *, nextval(pg_get_serial_sequence('assets', 'id')) AS id
            FROM unnest(@names, @types, @descriptions, @published_on, @last_discovered_at, @depends_on, @labels, @tags, @versions,
                        @search_names, @search_tags, @search_descriptions, @search_labels)
                 WITH ORDINALITY AS b(name, type, description, published_on, last_discovered_at, depends_on, labels, tags, versions,
                                      search_name, search_tags, search_description, search_labels, position)
            ORDER BY position
        )
        INSERT INTO assets (id, name, type, description, published_on, last_discovered_at, depends_on, labels, tags, versions, search)
        OVERRIDING SYSTEM VALUE
        SELECT id, name, type, description, published_on, last_discovered_at, depends_on, labels, tags, versions,
               search_vector(search_name, search_tags, search_description, search_labels)
        FROM batch
        ORDER BY name COLLATE "C"
        ON CONFLICT (name) DO UPDATE SET
            type = excluded.type,
            description = excluded.description,
            published_on = excluded.published_on,
            last_discovered_at = excluded.last_discovered_at,
            depends_on = excluded.depends_on,
            labels = excluded.labels,
            tags = excluded.tags,
            versions = excluded.versions,
            search = excluded.search
        """;

    public Task<AssetRow?> FindRowAsync(string name, CancellationToken cancellationToken) =>
        _rows.FindAsync(SqlFilters.Equal("name", name), cancellationToken);

    public Task<IReadOnlyList<AssetRow>> FindRowsAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        _rows.ReadAllAsync(SqlFilters.AnyOf("name", names), cancellationToken);

    public Task UpsertAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken)
    {
        var unique = OnePerName(assets);
        if (unique.Count == 0) return Task.CompletedTask;
        var rows = unique.Select(AssetRow.From).ToList();
        var search = unique.Select(SearchDocuments.For).ToList();
        return database.InTransactionAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(UpsertSql, connection);
            command.Parameters.AddRange((NpgsqlParameter[])
            [
                ArrayParameter("names", NpgsqlDbType.Text, rows.Select(r => r.Name)),
                ArrayParameter("types", NpgsqlDbType.Text, rows.Select(r => r.Type)),
                ArrayParameter("descriptions", NpgsqlDbType.Text, rows.Select(r => r.Description)),
                ArrayParameter("published_on", NpgsqlDbType.TimestampTz, rows.Select(r => r.PublishedOn.ToUniversalTime())),
                ArrayParameter("last_discovered_at", NpgsqlDbType.TimestampTz, rows.Select(r => r.LastDiscoveredAt.ToUniversalTime())),
                ArrayParameter("depends_on", NpgsqlDbType.Jsonb, rows.Select(r => r.DependsOnJson)),
                ArrayParameter("labels", NpgsqlDbType.Jsonb, rows.Select(r => r.LabelsJson)),
                ArrayParameter("tags", NpgsqlDbType.Jsonb, rows.Select(r => r.TagsJson)),
                ArrayParameter("versions", NpgsqlDbType.Jsonb, rows.Select(r => r.VersionsJson)),
                ArrayParameter("search_names", NpgsqlDbType.Text, search.Select(s => s.Name)),
                ArrayParameter("search_tags", NpgsqlDbType.Text, search.Select(s => s.Tags)),
                ArrayParameter("search_descriptions", NpgsqlDbType.Text, search.Select(s => s.Description)),
                ArrayParameter("search_labels", NpgsqlDbType.Text, search.Select(s => s.Labels)),
            ]);
            await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        _rows.DeleteAsync(SqlFilters.Equal("name", name), cancellationToken);

    public Task<Page<Asset>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        ReadPageAsync(SqlFilter.All, InsertionOrder, page, cancellationToken);

    public Task<Page<Asset>> FindByTagsAsync(IReadOnlyCollection<string> tags, PageRequest page, CancellationToken cancellationToken) =>
        ReadPageAsync(SqlFilters.HasAll("tags", tags), InsertionOrder, page, cancellationToken);

    public Task<Page<Asset>> FindByLabelsAsync(LabelFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        ReadPageAsync(SqlFilters.Labels("labels", filter), InsertionOrder, page, cancellationToken);

    /// <summary>
    /// The newest <see cref="SearchQuery.RankedMatches"/> matches best first (ties in insertion order), then older
    /// matches newest first: the ordering rule of both stores (docs/API.md), which SQLite's text index can follow cheaply.
    /// </summary>
    public Task<Page<Asset>> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var filter = SqlFilters.Search(query);
        var rankedFrom = $"(SELECT min(id) FROM (SELECT id FROM assets WHERE {filter.Condition} ORDER BY id DESC LIMIT {SearchQuery.RankedMatches}) ranked)";
        var order = $"CASE WHEN id >= {rankedFrom} THEN {SqlFilters.SearchScore} END DESC NULLS LAST, " +
                    $"CASE WHEN id >= {rankedFrom} THEN id ELSE -id END";
        return ReadPageAsync(filter, order, page, cancellationToken);
    }

    private async Task<Page<Asset>> ReadPageAsync(SqlFilter filter, string orderBy, PageRequest page, CancellationToken cancellationToken) =>
        (await _rows.ReadPageAsync(filter, orderBy, page, cancellationToken)).Map(row => row.ToAsset());

    /// <summary>
    /// One asset per name: a name given twice is stored once (ON CONFLICT cannot touch a row twice in one
    /// statement), with the later asset's content at the earlier one's position, as upserting one by one would.
    /// </summary>
    private static List<Asset> OnePerName(IReadOnlyList<Asset> assets)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = new List<Asset>(assets.Count);
        foreach (var asset in assets)
        {
            if (positions.TryGetValue(asset.Name, out var position))
                unique[position] = asset;
            else
            {
                positions.Add(asset.Name, unique.Count);
                unique.Add(asset);
            }
        }
        return unique;
    }

    private static NpgsqlParameter ArrayParameter<T>(string name, NpgsqlDbType elementType, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | elementType) { Value = values.ToArray() };

    private static AssetRow Read(NpgsqlDataReader reader) => new(
        Name: reader.GetString(0),
        Type: reader.GetString(1),
        Description: reader.GetString(2),
        PublishedOn: reader.GetFieldValue<DateTimeOffset>(3),
        LastDiscoveredAt: reader.GetFieldValue<DateTimeOffset>(4),
        DependsOnJson: reader.GetString(5),
        LabelsJson: reader.GetString(6),
        TagsJson: reader.GetString(7),
        VersionsJson: reader.GetString(8));
}
