using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Numerics;
using System.Text;
using Mastro.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mastro.Server.Observability;

/// <summary>
/// Collects measurements from selected <see cref="Meter"/>s and writes them, together with process metrics,
/// in the Prometheus text format. No Prometheus exporter package is available to this project, so this
/// listens to <c>System.Diagnostics.Metrics</c> directly.
/// </summary>
public sealed class PrometheusMetrics : IDisposable
{
    /// <summary>Meters exported by default. An entry ending in <c>.</c> selects every meter whose name starts with it.</summary>
    public static IReadOnlyList<string> DefaultMeterNames { get; } =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", StoreMetrics.MeterName, "Mastro."];

    public const string ContentType = PrometheusTextFormat.ContentType;

    private readonly IReadOnlyList<string> _meterNames;
    private readonly IMeterFactory? _meterFactory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, IMetricAggregator> _families = new(StringComparer.Ordinal);
    private readonly Lock _collectionLock = new();
    private readonly MeterListener _listener;

    /// <param name="meterNames">Meter names to export; entries ending in <c>.</c> are prefixes. Defaults to <see cref="DefaultMeterNames"/>.</param>
    /// <param name="meterFactory">
    /// When given, meters created by a different <see cref="IMeterFactory"/> are ignored, so that several hosts in one
    /// process (tests, for one) each export only their own ASP.NET Core meters. Meters created without a factory are always included.
    /// </param>
    /// <param name="logger">Told about instruments that cannot be exported.</param>
    public PrometheusMetrics(IEnumerable<string>? meterNames = null, IMeterFactory? meterFactory = null,
        ILogger<PrometheusMetrics>? logger = null)
    {
        _meterNames = meterNames?.ToArray() ?? DefaultMeterNames;
        _meterFactory = meterFactory;
        _logger = logger ?? NullLogger<PrometheusMetrics>.Instance;
        _listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        _listener.SetMeasurementEventCallback<byte>(OnMeasurement);
        _listener.SetMeasurementEventCallback<short>(OnMeasurement);
        _listener.SetMeasurementEventCallback<int>(OnMeasurement);
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<float>(OnMeasurement);
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.SetMeasurementEventCallback<decimal>(OnMeasurement);
        // Start() also reports every instrument published before this listener existed.
        _listener.Start();
    }

    /// <summary>Writes all metric families in text format 0.0.4, sorted by name and then by label set.</summary>
    public async Task WriteAsync(TextWriter writer, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var family in Collect()) PrometheusTextFormat.Write(text, family);
        await writer.WriteAsync(text, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    public void Dispose() => _listener.Dispose();

    private List<MetricFamilySnapshot> Collect()
    {
        List<MetricFamilySnapshot> families;
        // Serialised because observable callbacks write into the series that the snapshot reads.
        lock (_collectionLock)
        {
            foreach (var aggregator in _families.Values) aggregator.BeginCollection();
            RecordObservableInstruments();
            families = _families.Values.Select(aggregator => aggregator.Snapshot()).ToList();
        }

        families.AddRange(ProcessMetrics.Collect().Where(process => !_families.ContainsKey(process.Name)));
        return families
            .Where(family => family.Samples.Count > 0)
            .OrderBy(family => family.Name, StringComparer.Ordinal)
            .ToList();
    }

    private void RecordObservableInstruments()
    {
        try
        {
            _listener.RecordObservableInstruments();
        }
        catch (AggregateException failures)
        {
            // The listener still observes every other instrument before it reports the failed callbacks, so one
            // broken callback costs only its own series; the scrape must not fail because of it.
            _logger.LogError(failures, "Observable instrument callbacks failed; their series are missing from this scrape.");
        }
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!IsSelected(instrument.Meter)) return;
        var shape = InstrumentShape.Of(instrument);
        if (shape is null)
        {
            _logger.LogWarning("Instrument {Instrument} of meter {Meter} has an unsupported type {Type} and is not exported.",
                instrument.Name, instrument.Meter.Name, instrument.GetType().Name);
            return;
        }

        var name = PrometheusNames.MetricName(instrument.Name, instrument.Unit, shape.Type);
        var help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        var aggregator = _families.GetOrAdd(name, _ => shape.Aggregation == Aggregation.Histogram
            ? new HistogramAggregator(name, help, shape)
            : new ValueAggregator(name, help, shape));
        if (!aggregator.Shape.IsCompatibleWith(shape))
        {
            _logger.LogWarning("Instrument {Instrument} of meter {Meter} maps to the Prometheus name {Name} already used by an "
                + "instrument of another kind or with other buckets; it is not exported.", instrument.Name, instrument.Meter.Name, name);
            return;
        }

        listener.EnableMeasurementEvents(instrument, aggregator);
    }

    private bool IsSelected(Meter meter)
    {
        if (_meterFactory is not null && meter.Scope is not null && !ReferenceEquals(meter.Scope, _meterFactory)) return false;
        return _meterNames.Any(selected => selected.EndsWith('.')
            ? meter.Name.StartsWith(selected, StringComparison.Ordinal)
            : meter.Name.Equals(selected, StringComparison.Ordinal));
    }

    private static void OnMeasurement<T>(Instrument instrument, T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags,
        object? state) where T : struct, INumberBase<T> =>
        ((IMetricAggregator)state!).Record(double.CreateTruncating(measurement), tags);
}
