namespace Mastro.Core.Search;

/// <summary>
/// A full-text query: every word must occur (as a word or a word prefix) in the indexed text.
/// "sales 2021" finds "daily_sales_2021.csv"; "custom" finds "customers".
/// </summary>
public sealed record SearchQuery
{
    /// <summary>More words than this cannot narrow a search further, only slow it down.</summary>
    public const int MaxWords = 32;

    public IReadOnlyList<string> Words { get; }

    private SearchQuery(IReadOnlyList<string> words) => Words = words;

    /// <summary>Returns null when the text holds no searchable word.</summary>
    public static SearchQuery? Parse(string? text)
    {
        var words = SearchTokenizer.Words(text).Distinct().Take(MaxWords).ToList();
        return words.Count == 0 ? null : new SearchQuery(words);
    }
}
