using System.Text;
using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Search;
using NpgsqlTypes;

namespace Mastro.Storage.Postgres;

/// <summary>The WHERE conditions shared by the asset and versioned-set stores, always with parameters.</summary>
internal static class SqlFilters
{
    private static MastroJsonContext Json => MastroJsonContext.Default;

    /// <summary>
    /// Every key matches (AND) one of its values (OR), each test a jsonb containment <c>labels @> {"k":"v"}</c>
    /// that the GIN index answers. Containment of a string never matches a number, object or array, so only
    /// string-valued labels match.
    /// </summary>
    public static SqlFilter Labels(string column, LabelFilter filter)
    {
        if (filter.Labels.Any(label => !IsStorable(label.Key) || !label.Value.Any(IsStorable)))
            return SqlFilter.None;
        var arguments = new List<SqlArgument>();
        var keyConditions = new List<string>();
        foreach (var (key, values) in filter.Labels)
        {
            var alternatives = new List<string>();
            foreach (var value in values.Where(IsStorable))
            {
                var name = $"label_{arguments.Count}";
                arguments.Add(new SqlArgument(name, LabelJson(key, value), NpgsqlDbType.Jsonb));
                alternatives.Add($"{column} @> @{name}");
            }
            keyConditions.Add($"({string.Join(" OR ", alternatives)})");
        }
        return keyConditions.Count == 0 ? SqlFilter.All : new SqlFilter(string.Join(" AND ", keyConditions), arguments);
    }

    /// <summary><paramref name="column"/> holds exactly <paramref name="value"/>.</summary>
    public static SqlFilter Equal(string column, string value) =>
        IsStorable(value)
            ? new SqlFilter($"{column} = @{column}", [new SqlArgument(column, value, NpgsqlDbType.Text)])
            : SqlFilter.None;

    /// <summary><paramref name="column"/> holds one of <paramref name="values"/>.</summary>
    public static SqlFilter AnyOf(string column, IReadOnlyCollection<string> values) =>
        new($"{column} = ANY(@{column}_values)",
            [new SqlArgument($"{column}_values", values.Where(IsStorable).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)]);

    /// <summary>The jsonb array in <paramref name="column"/> holds every one of <paramref name="tags"/>.</summary>
    public static SqlFilter HasAll(string column, IReadOnlyCollection<string> tags) =>
        tags.All(IsStorable)
            ? new SqlFilter($"{column} @> @tags",
                [new SqlArgument("tags", JsonSerializer.Serialize(tags.ToList(), Json.IReadOnlyListString), NpgsqlDbType.Jsonb)])
            : SqlFilter.None;

    /// <summary>Every query word occurs in <c>search</c> as a word or a word prefix.</summary>
    public static SqlFilter Search(SearchQuery query) =>
        new($"search @@ {TsQuery}", [new SqlArgument("search_query", PrefixQuery(query), NpgsqlDbType.Text)]);

    /// <summary>Best match first (see the weights in <see cref="PostgresSearchVector"/>).</summary>
    public const string SearchRank = $"{SearchScore} DESC";

    /// <summary>How well a row matches (higher is better).</summary>
    public const string SearchScore = $"ts_rank(search, {TsQuery})";

    /// <summary>A literal, not <c>to_tsquery</c>: the words are the shared tokenizer's, stored as they are (<see cref="PostgresSearchVector"/>).</summary>
    private const string TsQuery = "@search_query::tsquery";

    /// <summary><c>'word1':* &amp; 'word2':*</c>, each word quoted so that no character of it reads as an operator.</summary>
    private static string PrefixQuery(SearchQuery query)
    {
        var text = new StringBuilder();
        foreach (var word in query.Words)
        {
            if (text.Length > 0) text.Append(" & ");
            PostgresSearchVector.AppendQuoted(text, word).Append(":*");
        }
        return text.ToString();
    }

    /// <summary>The distinct names a lookup can find, for <c>= ANY(@names)</c>: a name holding NUL matches nothing stored.</summary>
    public static string[] Storable(IEnumerable<string> names) => names.Where(IsStorable).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>PostgreSQL text and jsonb cannot hold NUL, so a value containing one matches nothing stored.</summary>
    private static bool IsStorable(string text) => !text.Contains('\0');

    private static string LabelJson(string key, string value) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }, Json.IReadOnlyDictionaryStringString);
}
