namespace Mastro.Server.Observability;

/// <summary>Counters, up-down counters and gauges: one number per series.</summary>
internal sealed class ValueAggregator(string name, string help, InstrumentShape shape)
    : MetricAggregator<ValueAggregator.Series>(name, help, shape)
{
    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = SeriesFor(tags);
        if (Shape.Aggregation == Aggregation.Sum) series.Add(value);
        else series.Set(value);
    }

    protected override Series CreateSeries() => new();

    protected override void AddSamples(List<MetricSample> samples, string labels, Series series) =>
        samples.Add(new MetricSample("", labels, series.Value));

    internal sealed class Series
    {
        private double _value;

        public double Value => Volatile.Read(ref _value);

        public void Set(double value) => Interlocked.Exchange(ref _value, value);

        public void Add(double value)
        {
            // There is no Interlocked.Add for double; retry until no other thread changed the sum in between.
            // Comparing bits (not values) keeps the loop finite once the sum is NaN.
            double observed, updated;
            do
            {
                observed = Volatile.Read(ref _value);
                updated = observed + value;
            }
            while (BitConverter.DoubleToInt64Bits(Interlocked.CompareExchange(ref _value, updated, observed))
                   != BitConverter.DoubleToInt64Bits(observed));
        }
    }
}
