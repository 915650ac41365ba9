using System.Globalization;

namespace Mastro.Server.Observability;

/// <summary>
/// Identity of one time series inside a metric family: the measurement's tags, sorted so that the same
/// tag set recorded in any order lands on the same series. Values are normalised to text here so that,
/// for example, a status code tagged as <c>int</c> and as <c>long</c> cannot yield two identical label sets.
/// </summary>
internal sealed class SeriesKey : IEquatable<SeriesKey>
{
    private static readonly Comparison<KeyValuePair<string, string>> ByKeyThenValue = static (left, right) =>
    {
        var byKey = string.CompareOrdinal(left.Key, right.Key);
        return byKey != 0 ? byKey : string.CompareOrdinal(left.Value, right.Value);
    };

    private readonly KeyValuePair<string, string>[] _tags;
    private readonly int _hashCode;

    private SeriesKey(KeyValuePair<string, string>[] tags)
    {
        _tags = tags;
        var hash = new HashCode();
        foreach (var (key, value) in tags)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        _hashCode = hash.ToHashCode();
    }

    public static SeriesKey From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var normalised = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            normalised[i] = new(tags[i].Key, FormatTagValue(tags[i].Value));
        }

        Array.Sort(normalised, ByKeyThenValue);
        return new SeriesKey(normalised);
    }

    /// <summary>
    /// Renders the label list (without braces). Tag keys that collapse to the same label name
    /// (<c>a.b</c> and <c>a_b</c>, or a key given twice) are merged with <c>;</c> between the values,
    /// as the OpenTelemetry–Prometheus mapping prescribes, so the output never repeats a label.
    /// </summary>
    public string RenderLabels() => string.Join(',', _tags
        .GroupBy(tag => PrometheusNames.LabelName(tag.Key))
        .OrderBy(group => group.Key, StringComparer.Ordinal)
        .Select(group => PrometheusTextFormat.Label(group.Key, string.Join(';', group.Select(tag => tag.Value)))));

    public bool Equals(SeriesKey? other)
    {
        if (other is null || _hashCode != other._hashCode || _tags.Length != other._tags.Length) return false;
        for (var i = 0; i < _tags.Length; i++)
        {
            if (!string.Equals(_tags[i].Key, other._tags[i].Key, StringComparison.Ordinal)
                || !string.Equals(_tags[i].Value, other._tags[i].Value, StringComparison.Ordinal)) return false;
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as SeriesKey);

    public override int GetHashCode() => _hashCode;

    private static string FormatTagValue(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
