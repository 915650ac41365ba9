using System.Text;
using Mastro.Core.Search;

namespace Mastro.Storage.Postgres;

/// <summary>
/// A search document as a <c>tsvector</c> literal (<c>'sales':1A 'orders':2A 'gold':3B …</c>), cast to
/// <c>tsvector</c> by the statement that stores it. The document's words are already the shared tokenizer's
/// (<see cref="SearchTokenizer"/>), so they are stored as they are: <c>to_tsvector</c> would split them again with
/// PostgreSQL's own parser, which cuts some of them differently from SQLite's index (<c>3e8f0c2</c> becomes
/// <c>3e8</c> and <c>f0c2</c>), and cost about three times the CPU of reading the literal (docs/PERFORMANCE.md,
/// fix 29). Queries are written the same way (<see cref="SqlFilters"/>), so both sides hold the same lexemes.
/// </summary>
internal static class PostgresSearchVector
{
    /// <summary>tsvector positions stop at 16,383; later words keep that position, as <c>to_tsvector</c> does.</summary>
    private const int MaxPosition = 16_383;

    /// <summary>Fields in the order and weight of <see cref="SearchDocument"/>: name A, tags (or version) B, description C, labels D.</summary>
    public static string Literal(SearchDocument document)
    {
        var characters = document.Name.Length + document.Tags.Length + document.Description.Length + document.Labels.Length;
        var text = new StringBuilder(2 * characters + 64);
        var position = 0;
        Append(text, document.Name, 'A', ref position);
        Append(text, document.Tags, 'B', ref position);
        Append(text, document.Description, 'C', ref position);
        Append(text, document.Labels, 'D', ref position);
        return text.ToString();
    }

    /// <summary>A lexeme quoted as tsvector and tsquery literals read it: <c>'</c> doubled, <c>\</c> escaped.</summary>
    public static StringBuilder AppendQuoted(StringBuilder text, ReadOnlySpan<char> word)
    {
        text.Append('\'');
        foreach (var c in word)
        {
            if (c is '\'' or '\\') text.Append(c);
            text.Append(c);
        }
        return text.Append('\'');
    }

    private static void Append(StringBuilder text, string words, char weight, ref int position)
    {
        foreach (var range in words.AsSpan().Split(' '))
        {
            var word = words.AsSpan(range);
            if (word.IsEmpty) continue;
            if (text.Length > 0) text.Append(' ');
            position = Math.Min(position + 1, MaxPosition);
            AppendQuoted(text, word).Append(':').Append(position).Append(weight);
        }
    }
}
