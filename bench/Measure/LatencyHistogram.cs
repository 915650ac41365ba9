using System.Numerics;

namespace Mastro.Bench.Measure;

/// <summary>
/// Latencies in microseconds, counted in log-linear buckets: values below 128 µs exactly, above that with the
/// 7 most significant bits kept (under 1.6 % error). Fixed memory whatever the number of samples; one per
/// load worker (not thread-safe), merged at the end.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;

    // Enough buckets for any long: the largest shift is 63 - SubBucketBits.
    private readonly long[] _counts = new long[(64 - SubBucketBits + 1) * SubBuckets];

    public long Count { get; private set; }

    public void Record(TimeSpan latency)
    {
        _counts[Index(Math.Max(0, latency.Ticks / TimeSpan.TicksPerMicrosecond))]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
    }

    /// <summary>The latency below which <paramref name="percentile"/> % of the samples fall.</summary>
    public TimeSpan Percentile(double percentile)
    {
        if (Count == 0) return TimeSpan.Zero;
        var rank = (long)Math.Ceiling(percentile / 100 * Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= Math.Max(1, rank)) return TimeSpan.FromMicroseconds(Midpoint(i));
        }
        return TimeSpan.FromMicroseconds(Midpoint(_counts.Length - 1));
    }

    // value >> shift keeps 7 significant bits (64..127), and the shift picks the group of buckets.
    private static int Index(long value)
    {
        var shift = Math.Max(0, 63 - BitOperations.LeadingZeroCount((ulong)value) - SubBucketBits);
        return shift * SubBuckets + (int)(value >> shift);
    }

    private static double Midpoint(int index)
    {
        if (index < 2 * SubBuckets) return index;
        var shift = index / SubBuckets - 1;
        var top = index - shift * SubBuckets;
        return ((long)top << shift) + ((1L << shift) - 1) / 2.0;
    }
}
