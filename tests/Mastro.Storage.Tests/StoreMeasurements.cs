using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Mastro.Core.Storage;

namespace Mastro.Storage.Tests;

/// <summary>
/// Counts the measurements one <see cref="StoreMetrics"/> instrument reports while this exists, by the value of one
/// tag, among those whose tags include <paramref name="where"/>. The meter is process-wide: test classes running at
/// the same time add theirs, so assert "at least".
/// </summary>
internal sealed class StoreMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public StoreMeasurements(string instrument, string countBy, params (string Key, string Value)[] where)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == StoreMetrics.MeterName && published.Name == instrument)
                listener.EnableMeasurementEvents(published);
        };
        void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? key = null;
            var matched = 0;
            foreach (var tag in tags)
            {
                if (tag.Key == countBy) key = tag.Value as string;
                if (where.Any(condition => condition.Key == tag.Key && Equals(condition.Value, tag.Value))) matched++;
            }
            if (key is not null && matched == where.Length)
                _counts.AddOrUpdate(key, 1, (_, count) => count + 1);
        }
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Record(tags));
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Record(tags));
        _listener.Start();
    }

    public int Of(string value) => _counts.GetValueOrDefault(value);

    public void Dispose() => _listener.Dispose();
}
