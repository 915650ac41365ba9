namespace Mastro.Server.Observability;

/// <summary>The three Prometheus metric types this exporter writes.</summary>
internal enum PrometheusType
{
    Counter,
    Gauge,
    Histogram,
}

/// <summary>One metric family as it is written on a scrape: a single HELP/TYPE header followed by its samples.</summary>
internal sealed record MetricFamilySnapshot(string Name, PrometheusType Type, string Help, IReadOnlyList<MetricSample> Samples);

/// <summary>
/// One sample line. <paramref name="Suffix"/> is appended to the family name (<c>_bucket</c>, <c>_sum</c>, …);
/// <paramref name="Labels"/> is the already rendered and escaped label list without braces.
/// </summary>
internal readonly record struct MetricSample(string Suffix, string Labels, double Value);
