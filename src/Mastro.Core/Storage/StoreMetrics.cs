using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mastro.Core.Storage;

/// <summary>
/// Duration of every store operation and the transactions that collided with concurrent ones, exported by the
/// server as Prometheus metrics.
/// </summary>
public static class StoreMetrics
{
    public const string MeterName = "Mastro.Store";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "mastro.store.operation.duration", unit: "s", description: "Duration of store operations.");

    private static readonly Counter<long> Collisions = Meter.CreateCounter<long>(
        "mastro.store.transaction.collisions", unit: "{transaction}",
        description: "Transactions that collided with concurrent ones (deadlock, serialization failure) and were run again or given up.");

    /// <summary>Counts one collided transaction; <paramref name="reason"/> says how it collided (e.g. <c>deadlock</c>).</summary>
    public static void CountCollision(string reason) =>
        Collisions.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await action();
            outcome = "ok";
            return result;
        }
        finally
        {
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public static Task MeasureAsync(string operation, Func<Task> action) =>
        MeasureAsync(operation, async () => { await action(); return true; });
}
