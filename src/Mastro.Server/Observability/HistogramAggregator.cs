namespace Mastro.Server.Observability;

/// <summary>Histograms: cumulative <c>_bucket</c> counts per upper bound plus <c>_sum</c> and <c>_count</c>.</summary>
internal sealed class HistogramAggregator(string name, string help, InstrumentShape shape)
    : MetricAggregator<HistogramAggregator.Series>(name, help, shape)
{
    private readonly double[] _bounds = shape.BucketBounds.ToArray();
    private readonly string[] _boundLabels = shape.BucketBounds.Select(bound => PrometheusTextFormat.Label("le", PrometheusTextFormat.FormatValue(bound)))
        .Append(PrometheusTextFormat.Label("le", "+Inf"))
        .ToArray();

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        SeriesFor(tags).Record(BucketIndex(value), value);

    protected override Series CreateSeries() => new(_bounds.Length + 1);

    protected override void AddSamples(List<MetricSample> samples, string labels, Series series)
    {
        var (bucketCounts, sum, count) = series.Read();
        long cumulative = 0;
        for (var i = 0; i < bucketCounts.Length; i++)
        {
            cumulative += bucketCounts[i];
            samples.Add(new MetricSample("_bucket", PrometheusTextFormat.JoinLabels(labels, _boundLabels[i]), cumulative));
        }

        samples.Add(new MetricSample("_sum", labels, sum));
        samples.Add(new MetricSample("_count", labels, count));
    }

    /// <summary>Index of the first bucket whose upper bound is ≥ the value (Prometheus buckets are inclusive); the last index is +Inf.</summary>
    private int BucketIndex(double value)
    {
        var index = Array.BinarySearch(_bounds, value);
        return index >= 0 ? index : ~index;
    }

    internal sealed class Series(int bucketCount)
    {
        // One lock per series keeps buckets, sum and count mutually consistent for a scrape
        // (the +Inf bucket always equals _count) while different series never contend.
        private readonly Lock _lock = new();
        private readonly long[] _bucketCounts = new long[bucketCount];
        private double _sum;
        private long _count;

        public void Record(int bucketIndex, double value)
        {
            lock (_lock)
            {
                _bucketCounts[bucketIndex]++;
                _sum += value;
                _count++;
            }
        }

        public (long[] BucketCounts, double Sum, long Count) Read()
        {
            lock (_lock)
            {
                return ((long[])_bucketCounts.Clone(), _sum, _count);
            }
        }
    }
}
