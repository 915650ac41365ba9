using System.Collections.Concurrent;

namespace Mastro.Server.Observability;

/// <summary>
/// All series of one Prometheus metric family. Measurements from every instrument mapped to the family's
/// name arrive here on the instrument's thread, so the hot path is one dictionary lookup by tag set
/// followed by a lock-free or per-series update.
/// </summary>
internal abstract class MetricAggregator<TSeries>(string name, string help, InstrumentShape shape) : IMetricAggregator
    where TSeries : class
{
    private volatile ConcurrentDictionary<SeriesKey, TSeries> _series = new();

    public InstrumentShape Shape { get; } = shape;

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public void BeginCollection()
    {
        // Observable instruments report their full current state on every collection; starting from an
        // empty set drops series whose callback no longer reports them (e.g. a closed connection pool).
        if (Shape.Aggregation == Aggregation.Observed) _series = new();
    }

    public MetricFamilySnapshot Snapshot()
    {
        var samples = new List<MetricSample>();
        foreach (var (labels, series) in _series.Select(entry => (Labels: entry.Key.RenderLabels(), entry.Value))
                     .OrderBy(entry => entry.Labels, StringComparer.Ordinal))
        {
            AddSamples(samples, labels, series);
        }

        return new MetricFamilySnapshot(name, Shape.Type, help, samples);
    }

    protected TSeries SeriesFor(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _series.GetOrAdd(SeriesKey.From(tags), static (_, self) => self.CreateSeries(), this);

    protected abstract TSeries CreateSeries();

    protected abstract void AddSamples(List<MetricSample> samples, string labels, TSeries series);
}
