using System.Diagnostics;

namespace Mastro.Bench.Support;

/// <summary>Items per second of work done in batches of 1,000, timing only the work: each batch is built before its clock starts.</summary>
public static class TimedBatches
{
    public static async Task<double> ItemsPerSecondAsync<TBatch>(long count, Func<long, int, TBatch> build, Func<TBatch, Task> work)
    {
        var timed = TimeSpan.Zero;
        for (long from = 0; from < count; from += BulkUpload.BatchSize)
        {
            var batch = build(from, (int)Math.Min(BulkUpload.BatchSize, count - from));
            var started = Stopwatch.GetTimestamp();
            await work(batch);
            timed += Stopwatch.GetElapsedTime(started);
        }
        return count / timed.TotalSeconds;
    }
}
