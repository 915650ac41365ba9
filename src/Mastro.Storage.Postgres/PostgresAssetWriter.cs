using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Mastro.Storage.Postgres;

/// <summary>Writes assets to the <c>assets</c> table inside a caller's transaction: the catalogue's upserts and lineage's.</summary>
internal static class PostgresAssetWriter
{
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
                        @search)
                 WITH ORDINALITY AS b(name, type, description, published_on, last_discovered_at, depends_on, labels, tags, versions,
                                      search, position)
            ORDER BY position
        )
        INSERT INTO assets (id, name, type, description, published_on, last_discovered_at, depends_on, labels, tags, versions, search)
        OVERRIDING SYSTEM VALUE
        SELECT id, name, type, description, published_on, last_discovered_at, depends_on, labels, tags, versions, search::tsvector
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

    /// <summary>Upserts <paramref name="assets"/> inside the caller's transaction (a name given twice: the later wins).</summary>
    public static async Task UpsertAsync(NpgsqlConnection connection, IReadOnlyList<Asset> assets, CancellationToken cancellationToken)
    {
        var unique = OnePerName(assets);
        if (unique.Count == 0) return;
        var rows = unique.Select(AssetRow.From).ToList();
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
            ArrayParameter("search", NpgsqlDbType.Text, unique.Select(asset => PostgresSearchVector.Literal(SearchDocuments.For(asset)))),
        ]);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

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
}
