using System.Globalization;
using Mastro.Core.Config;

namespace Mastro.Crawlers.Config;

/// <summary>
/// Typed reads from the string maps of a config (<c>backend.crawler</c>, <c>backend.settings</c>). Every problem
/// becomes a one-line <see cref="ConfigException"/> naming the full key, e.g. <c>backend.crawler.batch-size</c>.
/// </summary>
public sealed class ConfigValues(IReadOnlyDictionary<string, string> values, string section)
{
    public string Key(string key) => $"{section}.{key}";

    /// <summary>The trimmed value, or null when absent or blank.</summary>
    public string? Text(string key) =>
        values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public string Required(string key, string why) =>
        Text(key) ?? throw new ConfigException($"{Key(key)}: missing ({why})");

    public bool Has(string key) => Text(key) is not null;

    public bool Bool(string key, bool fallback) =>
        Text(key)?.ToLowerInvariant() switch
        {
            null => fallback,
            "true" or "yes" or "on" or "1" => true,
            "false" or "no" or "off" or "0" => false,
            var other => throw new ConfigException($"{Key(key)}: '{other}' is not true or false"),
        };

    public int PositiveInt(string key, int fallback, int max = int.MaxValue) =>
        Text(key) switch
        {
            null => fallback,
            var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max => n,
            var text => throw new ConfigException($"{Key(key)}: '{text}' is not a whole number between 1 and {max}"),
        };

    public int NonNegativeInt(string key, int fallback) =>
        Text(key) switch
        {
            null => fallback,
            var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            var text => throw new ConfigException($"{Key(key)}: '{text}' is not a whole number ≥ 0"),
        };

    /// <summary>A positive duration such as <c>30s</c>, <c>2m</c>, <c>1h30m</c>, <c>500ms</c>; a bare number means seconds.</summary>
    public TimeSpan Duration(string key, TimeSpan fallback) =>
        Text(key) switch
        {
            null => fallback,
            var text when Durations.TryParse(text, out var d) && d > TimeSpan.Zero => d,
            var text => throw new ConfigException($"{Key(key)}: '{text}' is not a positive duration (e.g. 30s, 2m, 1h30m, or seconds)"),
        };

    /// <summary>Every entry whose key starts with <paramref name="prefix"/>, with the prefix removed.</summary>
    public IReadOnlyDictionary<string, string> WithPrefix(string prefix) =>
        values.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal) && pair.Key.Length > prefix.Length)
            .ToDictionary(pair => pair.Key[prefix.Length..], pair => pair.Value);
}
