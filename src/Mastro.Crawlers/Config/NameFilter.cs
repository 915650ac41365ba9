using System.Text.RegularExpressions;
using Mastro.Core.Config;

namespace Mastro.Crawlers.Config;

/// <summary>
/// <c>filter-filename</c>: which file base names are manifests. A plain value is an exact name (the original used it
/// as an unanchored regex, so <c>MANIFEST.yaml</c> also matched <c>xMANIFESTzyaml.bak</c>); <c>*</c>/<c>?</c> make it a
/// glob; a <c>regex:</c> prefix gives a regular expression that must match the whole name.
/// </summary>
public sealed class NameFilter
{
    private readonly Regex? _pattern;
    private readonly string? _exact;

    public string Text { get; }

    private NameFilter(string text, Regex? pattern, string? exact) => (Text, _pattern, _exact) = (text, pattern, exact);

    public bool Matches(string baseName) =>
        _exact is not null ? string.Equals(baseName, _exact, StringComparison.Ordinal) : _pattern!.IsMatch(baseName);

    public static NameFilter Parse(string text, string key)
    {
        if (text.StartsWith("regex:", StringComparison.Ordinal))
        {
            var expression = text["regex:".Length..];
            try
            {
                return new NameFilter(text, new Regex($"^(?:{expression})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), null);
            }
            catch (ArgumentException e)
            {
                throw new ConfigException($"{key}: '{expression}' is not a valid regular expression: {e.Message}");
            }
        }
        if (text.Contains('/'))
            throw new ConfigException($"{key}: '{text}' contains '/'; it is matched against file base names only");
        if (text.IndexOfAny(['*', '?']) >= 0)
        {
            var glob = "^" + Regex.Escape(text).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
            return new NameFilter(text, new Regex(glob, RegexOptions.CultureInvariant), null);
        }
        return new NameFilter(text, null, text);
    }

    public override string ToString() => Text;
}
