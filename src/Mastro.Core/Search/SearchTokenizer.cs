using System.Text;

namespace Mastro.Core.Search;

/// <summary>
/// Splits text into lower-case words (runs of letters and digits). Both stores index and query the
/// output of this one tokenizer, so SQLite FTS5 and PostgreSQL tsvector find exactly the same assets.
/// </summary>
public static class SearchTokenizer
{
    /// <summary>Words longer than this are cut: no one types them, and tsvector rejects lexemes over 2 KB.</summary>
    public const int MaxWordLength = 100;

    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWordChar && start < 0) start = i;
            else if (!isWordChar && start >= 0)
            {
                var length = Math.Min(i - start, MaxWordLength);
                yield return text.Substring(start, length).ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>The words of every text, space-separated: the form both stores index.</summary>
    public static string Normalize(IEnumerable<string?> texts)
    {
        var builder = new StringBuilder();
        foreach (var word in texts.SelectMany(Words))
        {
            if (builder.Length > 0) builder.Append(' ');
            builder.Append(word);
        }
        return builder.ToString();
    }

    public static string Normalize(string? text) => Normalize([text]);
}
