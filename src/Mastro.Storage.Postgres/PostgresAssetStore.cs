using System.Data;
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

    internal const string Columns =
        "name, type, description, published_on, last_discovered_at, depends_on, labels, tags, versions";

    private readonly TableReader<AssetRow> _rows = new(database, "assets", Columns, Read);

    public Task<AssetRow?> FindRowAsync(string name, CancellationToken cancellationToken) =>
        _rows.FindAsync(SqlFilters.Equal("name", name), cancellationToken);

    public Task UpsertAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken) =>
        assets.Count == 0
            ? Task.CompletedTask
            : database.InTransactionAsync((connection, token) => PostgresAssetWriter.UpsertAsync(connection, assets, token), cancellationToken);

    /// <summary>
    /// In <c>REPEATABLE READ</c>, the assets read locked (<c>FOR UPDATE</c>): a write or delete of one of them that
    /// commits after the transaction's snapshot makes it collide, and it runs again on what is stored then; one that
    /// comes later waits for the commit. Without the lock, an asset deleted meanwhile would be inserted again
    /// (an insert does not collide with a deleted row). Rows are locked in the order the writer writes them, so that
    /// two such transactions cannot deadlock.
    /// </summary>
    public async Task<IReadOnlyList<Asset>> UpsertCheckedAsync(
        IReadOnlyCollection<string> names, Func<IReadOnlyList<AssetRow>, IReadOnlyList<Asset>> choose, CancellationToken cancellationToken)
    {
        IReadOnlyList<Asset> chosen = [];
        var storable = SqlFilters.Storable(names);
        await database.InTransactionAsync(async (connection, token) =>
        {
            await using (var command = new NpgsqlCommand($"SELECT {Columns} FROM assets WHERE name = ANY(@names) ORDER BY name COLLATE \"C\" FOR UPDATE", connection))
            {
                command.Parameters.Add(new NpgsqlParameter("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = storable });
                await using var reader = await command.ExecuteReaderAsync(token);
                chosen = choose(await reader.ReadAllAsync(Read, token));
            }
            await PostgresAssetWriter.UpsertAsync(connection, chosen, token);
        }, cancellationToken, IsolationLevel.RepeatableRead);
        return chosen;
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
    /// <remarks>
    /// One statement finds the matches once, from the text index, and answers their total, the ranked window and the
    /// page from that list (docs/PERFORMANCE.md, fix 34). Each match costs a visit to its row, so finding them for the
    /// count and again for the window cost twice that; and sorting by rank only the window's rows, and reaching the
    /// older matches only when the window is full and the page goes past it, keeps any statement from sorting every
    /// match (fix 33).
    /// </remarks>
    public async Task<Page<Asset>> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var filter = SqlFilters.Search(query);
        return (await _rows.ReadCountedPageAsync(SearchSql(filter), filter.Arguments, page, cancellationToken)).Map(row => row.ToAsset());
    }

    /// <summary>The statement of <see cref="SearchAsync"/>: the page's rows, each followed by the total.</summary>
    internal static string SearchSql(SqlFilter filter)
    {
        const int ranked = SearchQuery.RankedMatches;
        return $"""
            WITH matches AS MATERIALIZED (SELECT id FROM assets WHERE {filter.Condition}),
            ranked AS MATERIALIZED (SELECT id FROM matches ORDER BY id DESC LIMIT {ranked}),
            page AS (
                (SELECT id, 1 AS part, row_number() OVER (ORDER BY {SqlFilters.SearchScore} DESC, id) AS position
                 FROM assets WHERE id IN (SELECT id FROM ranked)
                 ORDER BY position LIMIT @page_limit OFFSET @page_skip)
                UNION ALL
                (SELECT id, 2, row_number() OVER (ORDER BY id DESC) FROM matches
                 WHERE id < (SELECT min(id) FROM ranked)
                     AND (SELECT count(*) FROM ranked) = {ranked} AND @page_skip + @page_limit > {ranked}
                 ORDER BY id DESC LIMIT @page_limit OFFSET greatest(0, @page_skip - {ranked})))
            SELECT {Columns}, (SELECT count(*) FROM matches)
            FROM (SELECT) AS one_row LEFT JOIN (page JOIN assets USING (id)) ON true
            ORDER BY page.part, page.position LIMIT @page_limit
            """;
    }

    private async Task<Page<Asset>> ReadPageAsync(SqlFilter filter, string orderBy, PageRequest page, CancellationToken cancellationToken) =>
        (await _rows.ReadPageAsync(filter, orderBy, page, cancellationToken)).Map(row => row.ToAsset());

    internal static AssetRow Read(NpgsqlDataReader reader) => new(
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
