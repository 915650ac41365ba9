namespace Mastro.Server.Observability;

/// <summary>The non-generic face of an aggregator, used by the listener and the scrape.</summary>
internal interface IMetricAggregator
{
    InstrumentShape Shape { get; }

    void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    void BeginCollection();

    MetricFamilySnapshot Snapshot();
}
