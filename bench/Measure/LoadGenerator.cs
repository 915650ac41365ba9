using System.Diagnostics;

namespace Mastro.Bench.Measure;

/// <summary>What one closed-loop run measured: requests answered as expected per second, and their latencies.</summary>
public sealed record LoadResult(double RequestsPerSecond, LatencyHistogram Latencies, long Failures)
{
    public double P50Ms => Latencies.Percentile(50).TotalMilliseconds;
    public double P99Ms => Latencies.Percentile(99).TotalMilliseconds;

    /// <summary>Runs of equal windows taken as one: their mean throughput, all their latencies, all their failures.</summary>
    public static LoadResult Combine(IReadOnlyList<LoadResult> runs)
    {
        var latencies = new LatencyHistogram();
        foreach (var run in runs) latencies.Add(run.Latencies);
        return new LoadResult(runs.Average(r => r.RequestsPerSecond), latencies, runs.Sum(r => r.Failures));
    }
}

/// <summary>
/// A closed-loop HTTP load: <c>workers</c> clients each send a request, read the whole answer and send the next.
/// Requests started during the warm-up are not counted; the timed window follows it.
/// </summary>
public sealed class LoadGenerator(int workers, TimeSpan warmUp, TimeSpan window)
{
    /// <param name="request">Builds worker <c>w</c>'s <c>n</c>-th request.</param>
    /// <param name="expectedStatus">Any other status counts as a failure (and is not counted as throughput).</param>
    public async Task<LoadResult> RunAsync(
        Func<int, long, HttpRequestMessage> request, int expectedStatus, CancellationToken cancellationToken)
    {
        // One connection per worker, kept alive: the load is the server's work, not TCP handshakes.
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers, UseCookies = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var started = Stopwatch.GetTimestamp();
        var windowStart = started + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var results = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(
            () => WorkAsync(client, n => request(w, n), expectedStatus, windowStart, windowEnd, cancellationToken),
            cancellationToken)));

        var latencies = new LatencyHistogram();
        foreach (var (histogram, _) in results) latencies.Add(histogram);
        return new LoadResult(latencies.Count / window.TotalSeconds, latencies, results.Sum(r => r.Failures));
    }

    private static async Task<(LatencyHistogram, long Failures)> WorkAsync(
        HttpClient client, Func<long, HttpRequestMessage> request, int expectedStatus,
        long windowStart, long windowEnd, CancellationToken cancellationToken)
    {
        var histogram = new LatencyHistogram();
        long failures = 0;
        for (long n = 0; ; n++)
        {
            var sent = Stopwatch.GetTimestamp();
            if (sent >= windowEnd) break;
            using var message = request(n);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (sent < windowStart) continue;
            if ((int)response.StatusCode == expectedStatus)
                histogram.Record(Stopwatch.GetElapsedTime(sent));
            else
                failures++;
        }
        return (histogram, failures);
    }
}
