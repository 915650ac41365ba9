using System.Diagnostics.Metrics;
using System.Numerics;

namespace Mastro.Server.Observability;

/// <summary>How measurements of an instrument are folded into a series.</summary>
internal enum Aggregation
{
    /// <summary>Measurements are deltas (counters, up-down counters): the series holds their running sum.</summary>
    Sum,

    /// <summary>Each measurement replaces the previous one (synchronous gauges); the series persists between scrapes.</summary>
    LastValue,

    /// <summary>Values reported by observable callbacks; only what the callbacks report on the current scrape is exported.</summary>
    Observed,

    /// <summary>Measurements are counted into explicit buckets.</summary>
    Histogram,
}

/// <summary>What an instrument becomes in Prometheus: aggregation, type and, for histograms, bucket upper bounds.</summary>
internal sealed record InstrumentShape(Aggregation Aggregation, PrometheusType Type, IReadOnlyList<double> BucketBounds)
{
    /// <summary>Prometheus client defaults, in seconds — the unit of every duration histogram here.</summary>
    public static readonly IReadOnlyList<double> DefaultBucketBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The shape of a known instrument kind, or null for instrument types this exporter does not know.</summary>
    public static InstrumentShape? Of(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>)) return new(Aggregation.Sum, PrometheusType.Counter, []);
        if (definition == typeof(UpDownCounter<>)) return new(Aggregation.Sum, PrometheusType.Gauge, []);
        if (definition == typeof(Gauge<>)) return new(Aggregation.LastValue, PrometheusType.Gauge, []);
        if (definition == typeof(ObservableCounter<>)) return new(Aggregation.Observed, PrometheusType.Counter, []);
        if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>))
        {
            return new(Aggregation.Observed, PrometheusType.Gauge, []);
        }

        if (definition == typeof(Histogram<>))
        {
            return new(Aggregation.Histogram, PrometheusType.Histogram, AdvisedBucketBounds(instrument) ?? DefaultBucketBounds);
        }

        return null;
    }

    /// <summary>
    /// Instruments sharing one Prometheus name (the same instrument from several meters) can share one
    /// family only if they aggregate identically.
    /// </summary>
    public bool IsCompatibleWith(InstrumentShape other) =>
        Aggregation == other.Aggregation && Type == other.Type && BucketBounds.SequenceEqual(other.BucketBounds);

    // Instruments may advise their own buckets (ASP.NET Core does for http.server.request.duration);
    // the advice is only reachable through the generic Instrument<T>.
    private static IReadOnlyList<double>? AdvisedBucketBounds(Instrument instrument) => instrument switch
    {
        Instrument<double> typed => Bounds(typed),
        Instrument<float> typed => Bounds(typed),
        Instrument<long> typed => Bounds(typed),
        Instrument<int> typed => Bounds(typed),
        Instrument<short> typed => Bounds(typed),
        Instrument<byte> typed => Bounds(typed),
        Instrument<decimal> typed => Bounds(typed),
        _ => null,
    };

    private static IReadOnlyList<double>? Bounds<T>(Instrument<T> instrument) where T : struct, INumberBase<T>
    {
        var advised = instrument.Advice?.HistogramBucketBoundaries;
        if (advised is null || advised.Count == 0) return null;
        return advised.Select(double.CreateTruncating).Where(double.IsFinite).Distinct().Order().ToArray();
    }
}
