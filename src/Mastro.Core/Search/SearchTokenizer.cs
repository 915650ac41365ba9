using System.Buffers;

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
        var position = 0;
        while (NextWord(text, ref position, out var start, out var length))
            yield return text!.Substring(start, length).ToLowerInvariant();
    }

    /// <summary>
    /// The words of every text, space-separated: the form both stores index. Written into one pooled buffer rather
    /// than a string per word: a bulk upsert normalizes every asset, and with a string per word and a growing builder
    /// an asset's search document cost 8.2 KB of allocations, against 2.1 KB now (docs/PERFORMANCE.md, fix 26).
    /// </summary>
    public static string Normalize(IEnumerable<string?> texts)
    {
        var buffer = ArrayPool<char>.Shared.Rent(256);
        var length = 0;
        try
        {
            foreach (var text in texts)
            {
                var position = 0;
                while (NextWord(text, ref position, out var start, out var wordLength))
                {
                    if (length + wordLength + 1 > buffer.Length) Grow(ref buffer, length + wordLength + 1);
                    if (length > 0) buffer[length++] = ' ';
                    length += text.AsSpan(start, wordLength).ToLowerInvariant(buffer.AsSpan(length));
                }
            }
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    public static string Normalize(string? text) => Normalize([text]);

    /// <summary>The next word at or after <paramref name="position"/>: where it starts and its length after the cut; false past the last.</summary>
    private static bool NextWord(string? text, ref int position, out int start, out int length)
    {
        var end = text?.Length ?? 0;
        while (position < end && !char.IsLetterOrDigit(text![position])) position++;
        start = position;
        while (position < end && char.IsLetterOrDigit(text![position])) position++;
        length = Math.Min(position - start, MaxWordLength);
        return length > 0;
    }

    private static void Grow(ref char[] buffer, int needed)
    {
        var larger = ArrayPool<char>.Shared.Rent(Math.Max(needed, 2 * buffer.Length));
        buffer.AsSpan().CopyTo(larger);
        ArrayPool<char>.Shared.Return(buffer);
        buffer = larger;
    }
}
