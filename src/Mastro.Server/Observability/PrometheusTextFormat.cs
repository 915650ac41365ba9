using System.Globalization;
using System.Text;

namespace Mastro.Server.Observability;

/// <summary>Writes metric families in the Prometheus text exposition format, version 0.0.4.</summary>
internal static class PrometheusTextFormat
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void Write(StringBuilder output, MetricFamilySnapshot family)
    {
        output.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
        output.Append("# TYPE ").Append(family.Name).Append(' ').Append(TypeName(family.Type)).Append('\n');
        foreach (var sample in family.Samples)
        {
            output.Append(family.Name).Append(sample.Suffix);
            if (sample.Labels.Length > 0) output.Append('{').Append(sample.Labels).Append('}');
            output.Append(' ').Append(FormatValue(sample.Value)).Append('\n');
        }
    }

    /// <summary>Renders <c>name="value"</c>; the name must already be a valid label name.</summary>
    public static string Label(string name, string value) => $"{name}=\"{EscapeLabelValue(value)}\"";

    /// <summary>Joins rendered labels, tolerating an empty list on either side.</summary>
    public static string JoinLabels(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : $"{first},{second}";

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        // .NET formats doubles as the shortest round-trippable text, which Prometheus parses exactly.
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", @"\\").Replace("\"", "\\\"").Replace("\n", @"\n");

    private static string EscapeHelp(string help) => help.Replace("\\", @"\\").Replace("\n", @"\n");

    private static string TypeName(PrometheusType type) => type switch
    {
        PrometheusType.Counter => "counter",
        PrometheusType.Gauge => "gauge",
        PrometheusType.Histogram => "histogram",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
