using System.Diagnostics;
using Mastro.Server.Observability;

namespace Mastro.Server.Tests.Observability;

public sealed class ProcessMetricsTests
{
    [Fact]
    public async Task Process_and_runtime_metrics_are_written_with_live_values()
    {
        using var metrics = new PrometheusMetrics([MetricsScrape.UniqueMeterName()]);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        using var process = Process.GetCurrentProcess();
        var expectedStart = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();

        var collectionsBefore = GC.CollectionCount(0);
        var exposition = await MetricsScrape.ParseAsync(metrics);
        var collectionsAfter = GC.CollectionCount(0);

        Assert.Equal("counter", exposition.Types["process_cpu_seconds_total"]);
        Assert.True(exposition.Value("process_cpu_seconds_total") > 0);
        Assert.True(exposition.Value("process_resident_memory_bytes") > 1_000_000);
        Assert.True(exposition.Value("process_virtual_memory_bytes") >= exposition.Value("process_resident_memory_bytes"));
        Assert.InRange(exposition.Value("process_start_time_seconds"), expectedStart - 1, expectedStart + 1);
        Assert.True(exposition.Value("process_threads") >= 1);
        Assert.True(exposition.Value("dotnet_gc_heap_size_bytes") > 0);
        Assert.True(exposition.Value("dotnet_gc_allocated_bytes_total") > 0);
        Assert.True(exposition.Value("dotnet_gc_collections_total", ("generation", "gen2")) >= 1);
        // Per-generation counts are exclusive, so together they add up to all gen0-or-older collections.
        var byGeneration = exposition.SamplesOf("dotnet_gc_collections_total").ToList();
        Assert.Equal(["gen0", "gen1", "gen2"], byGeneration.Select(sample => sample.Labels["generation"]));
        Assert.InRange(byGeneration.Sum(sample => sample.Value), collectionsBefore, collectionsAfter);
    }
}
