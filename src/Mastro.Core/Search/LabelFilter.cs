namespace Mastro.Core.Search;

/// <summary>
/// Label equality filter: every key must match (AND); a key given several values matches any of them (OR).
/// </summary>
public sealed record LabelFilter(IReadOnlyDictionary<string, IReadOnlyList<string>> Labels)
{
    public static LabelFilter FromSingleValues(IReadOnlyDictionary<string, string> labels) =>
        new(labels.ToDictionary(l => l.Key, l => (IReadOnlyList<string>)[l.Value]));

    /// <summary>True if the given labels satisfy the filter (what the stores compute in SQL).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        Labels.All(filter => labels.TryGetValue(filter.Key, out var value) && filter.Value.Contains(value));
}
