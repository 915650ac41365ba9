using System.Text;
using System.Text.Json;
using Mastro.Core.Search;

namespace Mastro.Storage.Sqlite;

/// <summary>
/// Builds the selections shared by assets, feature sets and metric sets. A table <c>X</c> comes with
/// <c>X_label</c> (string labels: key, value, owner id) and <c>X_fts</c> (FTS5, rowid = <c>X.id</c>,
/// four columns weighted name &gt; tags/version &gt; description &gt; labels).
/// </summary>
/// <param name="listedByRowid">
/// Whether <paramref name="listOrder"/> is the rowid's: then text matches are ranked and paged on the text index
/// alone and only the page's rows are read (see <see cref="Matching"/>).
/// </param>
internal sealed class SqliteIndexedTable(string table, string labelOwnerColumn, string listOrder, bool listedByRowid = false)
{
    /// <summary>bm25 weights of the four FTS columns, in column order.</summary>
    private const string ColumnWeights = "10.0, 5.0, 2.0, 1.0";

    public string Table => table;

    /// <summary>
    /// Deletes the row whose <paramref name="keyColumn"/> equals <paramref name="key"/>; the label (and tag) rows go with
    /// it by foreign key, its text-index row explicitly (FTS5 tables have no foreign keys). False when no row matched.
    /// </summary>
    public async Task<bool> DeleteAsync(SqliteDatabase database, string keyColumn, string key, CancellationToken cancellationToken)
    {
        var deleted = false;
        await database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {table} WHERE {keyColumn} = $key RETURNING id";
            command.Parameters.AddWithValue("$key", key);
            if (await command.ExecuteScalarAsync(cancellationToken) is not long id) return;
            await using var unindex = connection.CreateCommand();
            unindex.CommandText = $"DELETE FROM {table}_fts WHERE rowid = $id";
            unindex.Parameters.AddWithValue("$id", id);
            await unindex.ExecuteNonQueryAsync(cancellationToken);
            deleted = true;
        }, cancellationToken);
        return deleted;
    }

    public SqliteSelection All() => new($"{table} t", listOrder, SqliteSelection.NoParameters);

    public SqliteSelection Where(string condition, IReadOnlyDictionary<string, object> parameters) =>
        new($"{table} t WHERE {condition}", listOrder, parameters);

    /// <summary>Every filter key must match (AND), any of its values (OR). An empty filter selects everything.</summary>
    public SqliteSelection WithLabels(LabelFilter filter) =>
        filter.Labels.Count == 0
            ? All()
            : Where($"""
                t.id IN (SELECT l.{labelOwnerColumn}
                         FROM json_each($filter) AS k, json_each(k.value) AS v
                         JOIN {table}_label l ON l.key = k.key AND l.value = v.value
                         GROUP BY l.{labelOwnerColumn}
                         HAVING count(DISTINCT l.key) = $keyCount)
                """,
                new Dictionary<string, object> { ["$filter"] = FilterJson(filter), ["$keyCount"] = filter.Labels.Count });

    /// <summary>
    /// Items containing every query word (as a word prefix), best bm25 score first. When the listing follows the
    /// rowid (assets), only the newest <see cref="SearchQuery.RankedMatches"/> matches are ranked (ties in listing
    /// order) and older matches follow them, newest first; otherwise all are ranked, ties in listing order.
    /// </summary>
    /// <remarks>
    /// Every indexed rowid is a row of the table (both are written and deleted together), so the text index alone
    /// counts the matches, without reading a row for each: 1–10 ms instead of 65–700 ms for 20k–125k matches among
    /// 1M assets. When the listing follows the rowid, the index alone also ranks and pages the matches and only the
    /// page's rows are read; FTS5 walks the matches newest first and scores only the window, where scoring all 125k
    /// matches of a broad query took 136–189 ms (docs/PERFORMANCE.md). Matches past the window are read only for
    /// pages that reach beyond it (the constant condition on <c>$skip + $limit</c> skips that scan otherwise). The
    /// page carries the window's size and oldest match, so the total counts only the matches older than the window
    /// (<see cref="SqliteRankedWindow"/>).
    /// The text-index expression is built first from the index's own words (<see cref="MatchExpression"/>).
    /// </remarks>
    public SqliteSelection Matching(SearchQuery query)
    {
        var parameters = new Dictionary<string, object>
        {
            ["$words"] = JsonSerializer.Serialize(query.Words),
            ["$ranked"] = SearchQuery.RankedMatches,
        };
        var matches = $"{table}_fts WHERE {table}_fts MATCH $match";
        var rank = $"bm25({table}_fts, {ColumnWeights})";
        var selection = listedByRowid
            ? new SqliteSelection(
                $"""
                (WITH ranked AS MATERIALIZED (SELECT rowid, {rank} AS score FROM {matches} ORDER BY rowid DESC LIMIT $ranked),
                      ranked_window AS (SELECT count(*) AS matches, min(rowid) AS oldest FROM ranked)
                 SELECT page.*, ranked_window.matches AS window_matches, ranked_window.oldest AS window_oldest
                 FROM (SELECT * FROM (SELECT rowid, 0 AS older, score FROM ranked ORDER BY score, rowid LIMIT $skip + $limit)
                       UNION ALL
                       SELECT * FROM (SELECT rowid, 1, -rowid FROM {matches}
                                      AND rowid < (SELECT oldest FROM ranked_window) AND $skip + $limit > $ranked
                                      ORDER BY rowid DESC LIMIT $skip + $limit - $ranked)) page, ranked_window) f
                JOIN {table} t ON t.id = f.rowid
                """,
                // Older matches carry -rowid as their score: newest first.
                "f.older, f.score, f.rowid",
                parameters)
            {
                Window = new SqliteRankedWindow(SearchQuery.RankedMatches, "f.window_matches, f.window_oldest", $"{matches} AND rowid < $oldest"),
            }
            : new SqliteSelection($"{table}_fts f JOIN {table} t ON t.id = f.rowid WHERE {table}_fts MATCH $match", $"{rank}, {listOrder}", parameters);
        return selection with { CountFrom = matches, Computed = new SqliteComputedParameter("$match", MatchExpression) };
    }

    /// <summary>
    /// At most this many indexed words that a query word starts are matched as those words; a word that starts more
    /// stays a prefix term.
    /// </summary>
    private const int MaxExpandedWords = 16;

    /// <summary>
    /// The FTS5 expression for the words in <c>$words</c> (a JSON array), all of which must match, and the number of
    /// matches when the look-up already knows it. A query word that starts 1–<see cref="MaxExpandedWords"/> indexed
    /// words becomes those words, exactly: <c>("lajitu" OR "lajitulo" OR …)</c>; any other stays a quoted prefix term
    /// (<c>"word"*</c>), so FTS5 syntax in a word is only text. For a prefix term FTS5 gathers and merges every
    /// matching word's matches (with their positions) on each of a search's passes (count, window, bm25's document
    /// frequencies), where it reads an exact word's matches straight from the index. The indexed words are listed
    /// from <c>{table}_fts_terms</c>, which walks every listed word's matches to count them. A query of one word that
    /// starts exactly one indexed word has as many matches as that word has rows, so the count is skipped. In a query
    /// of several words that count is not needed, so whether a word is itself indexed is asked of the text index (its
    /// first match is enough) and only the longer words it starts are listed: for a domain word in 1/16 of the names
    /// the walk was 2 ms of a search over 1M assets (docs/PERFORMANCE.md, fix 20). bm25 then weighs each expanded word
    /// by its own frequency (a rare word ranks above a common one).
    /// </summary>
    private string MatchExpression => $"""
        WITH expansion AS MATERIALIZED (
            SELECT (SELECT json_object(
                               'match', CASE WHEN count(*) BETWEEN 1 AND {MaxExpandedWords}
                                             THEN '(' || group_concat('"' || replace(term, '"', '""') || '"', ' OR ') || ')'
                                             ELSE '"' || replace(word.value, '"', '""') || '"*' END,
                               'documents', CASE WHEN count(*) = 1 THEN max(doc) END)
                    FROM (SELECT word.value AS term, NULL AS doc
                          WHERE words.several
                            AND EXISTS (SELECT 1 FROM {table}_fts WHERE {table}_fts MATCH '"' || replace(word.value, '"', '""') || '"')
                          UNION ALL
                          SELECT * FROM (SELECT term, doc FROM {table}_fts_terms
                                         WHERE term >= word.value || CASE WHEN words.several THEN char(1) ELSE '' END
                                           AND term < word.value || char(1114111)
                                         LIMIT {MaxExpandedWords + 1}))) AS terms
            FROM json_each($words) AS word, (SELECT json_array_length($words) > 1 AS several) AS words)
        SELECT group_concat(json_extract(terms, '$.match'), ' AND '),
               CASE WHEN count(*) = 1 THEN json_extract(max(terms), '$.documents') END
        FROM expansion
        """;

    /// <summary>The filter as <c>{"key": ["value", …], …}</c>, which the SQL walks with json_each.</summary>
    private static string FilterJson(LabelFilter filter)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, values) in filter.Labels)
            {
                writer.WriteStartArray(key);
                foreach (var value in values)
                    writer.WriteStringValue(value);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
