using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Model;

namespace Mastro.Bench.Support;

/// <summary>
/// Loads generated assets <c>[first, first + count)</c> with <c>PUT /assets/</c> in batches of 1,000, from a few
/// concurrent connections as a crawler fleet would. Each batch is generated and serialized just before it is sent
/// (the client's share of the CPU is included in the figure, which only makes it more conservative).
/// </summary>
public static class BulkUpload
{
    public const int BatchSize = 1000;
    public const int Connections = 4;

    /// <summary>Assets stored per second, and the server's CPU time per asset.</summary>
    public sealed record Result(double AssetsPerSecond, TimeSpan ServerCpuPerAsset)
    {
        public string Describe() => $"server CPU {ServerCpuPerAsset.TotalMicroseconds:0} µs/asset";
    }

    public static async Task<Result> RunAsync(RunningMastro server, long first, long count, CancellationToken cancellationToken)
    {
        var cpu = server.Process.CpuTime();
        var rate = await RunAsync(server.BaseUrl, first, count, cancellationToken);
        return new Result(rate, (server.Process.CpuTime() - cpu) / count);
    }

    /// <summary>Returns assets stored per second.</summary>
    private static async Task<double> RunAsync(string baseUrl, long first, long count, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        var batches = (count + BatchSize - 1) / BatchSize;
        long next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
        {
            for (var batch = Interlocked.Increment(ref next); batch < batches; batch = Interlocked.Increment(ref next))
            {
                var from = first + batch * BatchSize;
                var assets = AssetGenerator.Batch(from, (int)Math.Min(BatchSize, first + count - from));
                await PutAsync(client, assets, cancellationToken);
            }
        }, cancellationToken)));
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task PutAsync(HttpClient client, List<Asset> assets, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(assets, MastroJsonContext.Default.ListAsset));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PutAsync("/assets/", content, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"PUT /assets/ answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
