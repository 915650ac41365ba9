namespace Mastro.Core.Search;

/// <summary>
/// A full-text query: every word must occur (as a word or a word prefix) in the indexed text.
/// "sales 2021" finds "daily_sales_2021.csv"; "custom" finds "customers".
/// </summary>
public sealed record SearchQuery
{
    /// <summary>More words than this cannot narrow a search further, only slow it down.</summary>
    public const int MaxWords = 32;

    /// <summary>
    /// Only the newest this many matches are ranked by relevance; older matches follow them, newest first.
    /// Scoring every match of a broad query (125k of 1M assets) costs far more than the 20 ms a search may take.
    /// </summary>
    public const int RankedMatches = 1000;

    public IReadOnlyList<string> Words { get; }

    private SearchQuery(IReadOnlyList<string> words) => Words = words;

    /// <summary>Returns null when the text holds no searchable word.</summary>
    public static SearchQuery? Parse(string? text)
    {
        var words = SearchTokenizer.Words(text).Distinct().Take(MaxWords).ToList();
        return words.Count == 0 ? null : new SearchQuery(words);
    }
}
