using System.Text;

namespace Mastro.Server.Observability;

/// <summary>
/// Maps OpenTelemetry-style instrument names, units and tag keys to Prometheus names, following the
/// OpenTelemetry "Prometheus and OpenMetrics compatibility" rules: invalid characters become <c>_</c>,
/// the unit becomes a suffix (<c>s</c> → <c>_seconds</c>, <c>{request}</c> annotations are dropped),
/// and counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNames
{
    public static string MetricName(string instrumentName, string? unit, PrometheusType type)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var unitSuffix = UnitSuffix(unit, type);
        if (unitSuffix.Length > 0 && !name.EndsWith("_" + unitSuffix, StringComparison.Ordinal))
        {
            name = $"{name}_{unitSuffix}";
        }

        if (type == PrometheusType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    public static string LabelName(string tagKey) => Sanitize(tagKey, allowColon: false);

    /// <summary>Unit suffix without the leading underscore; empty when the unit adds nothing to the name.</summary>
    public static string UnitSuffix(string? unit, PrometheusType type)
    {
        var bare = StripAnnotations(unit ?? "").Trim();
        if (bare.Length == 0) return "";
        // "1" means a dimensionless fraction; it only reads as a ratio on gauges.
        if (bare == "1") return type == PrometheusType.Gauge ? "ratio" : "";

        var slash = bare.IndexOf('/');
        if (slash < 0) return Sanitize(UnitWord(bare), allowColon: false);

        var numerator = UnitWord(bare[..slash]);
        var denominator = PerUnitWord(bare[(slash + 1)..]);
        var suffix = numerator.Length == 0 ? $"per_{denominator}" : $"{numerator}_per_{denominator}";
        return Sanitize(suffix, allowColon: false);
    }

    /// <summary>
    /// Replaces every character outside <c>[a-zA-Z0-9_]</c> (plus <c>:</c> for metric names) with <c>_</c>,
    /// collapses runs of underscores, trims them at the ends and guards against a leading digit.
    /// </summary>
    private static string Sanitize(string text, bool allowColon)
    {
        var result = new StringBuilder(text.Length + 1);
        foreach (var character in text)
        {
            var valid = char.IsAsciiLetterOrDigit(character) || character == '_' || (allowColon && character == ':');
            var next = valid ? character : '_';
            if (next == '_' && (result.Length == 0 || result[^1] == '_')) continue;
            result.Append(next);
        }

        while (result.Length > 0 && result[^1] == '_') result.Length--;
        if (result.Length == 0) return "_";
        if (char.IsAsciiDigit(result[0])) result.Insert(0, '_');
        return result.ToString();
    }

    private static string StripAnnotations(string unit)
    {
        var result = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var character in unit)
        {
            if (character == '{') depth++;
            else if (character == '}' && depth > 0) depth--;
            else if (depth == 0) result.Append(character);
        }

        return result.ToString();
    }

    // UCUM units used by OpenTelemetry semantic conventions; anything else is kept as written.
    private static string UnitWord(string unit) => unit switch
    {
        "d" => "days",
        "h" => "hours",
        "min" => "minutes",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "GiBy" => "gibibytes",
        "TiBy" => "tebibytes",
        "KBy" => "kilobytes",
        "MBy" => "megabytes",
        "GBy" => "gigabytes",
        "TBy" => "terabytes",
        "m" => "meters",
        "V" => "volts",
        "A" => "amperes",
        "J" => "joules",
        "W" => "watts",
        "g" => "grams",
        "Cel" => "celsius",
        "Hz" => "hertz",
        "%" => "percent",
        _ => unit,
    };

    private static string PerUnitWord(string unit) => unit switch
    {
        "s" => "second",
        "m" => "minute",
        "h" => "hour",
        "d" => "day",
        "w" => "week",
        "mo" => "month",
        "y" => "year",
        _ => UnitWord(unit),
    };
}
