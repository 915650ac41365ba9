using System.Diagnostics;

namespace Mastro.Server.Observability;

/// <summary>
/// Process and .NET runtime figures read on each scrape, under the names the Prometheus client
/// libraries use, so existing dashboards and alerts work unchanged.
/// </summary>
internal static class ProcessMetrics
{
    private static readonly double StartTimeSeconds = ReadStartTimeSeconds();

    public static IEnumerable<MetricFamilySnapshot> Collect()
    {
        using var process = Process.GetCurrentProcess();
        yield return Single("process_cpu_seconds_total", PrometheusType.Counter,
            "Total user and system CPU time spent in seconds.", process.TotalProcessorTime.TotalSeconds);
        yield return Single("process_resident_memory_bytes", PrometheusType.Gauge,
            "Resident memory size in bytes.", process.WorkingSet64);
        yield return Single("process_virtual_memory_bytes", PrometheusType.Gauge,
            "Virtual memory size in bytes.", process.VirtualMemorySize64);
        yield return Single("process_start_time_seconds", PrometheusType.Gauge,
            "Start time of the process since unix epoch in seconds.", StartTimeSeconds);
        yield return Single("process_threads", PrometheusType.Gauge,
            "Number of OS threads in the process.", process.Threads.Count);
        yield return Single("dotnet_gc_heap_size_bytes", PrometheusType.Gauge,
            "Size of the managed heap in bytes as of the last garbage collection.", GC.GetGCMemoryInfo().HeapSizeBytes);
        yield return Single("dotnet_gc_allocated_bytes_total", PrometheusType.Counter,
            "Bytes allocated on the managed heap since the process started.", GC.GetTotalAllocatedBytes());
        yield return new MetricFamilySnapshot("dotnet_gc_collections_total", PrometheusType.Counter,
            "Garbage collections since the process started, by the generation collected.", CollectionsByGeneration());
    }

    private static MetricFamilySnapshot Single(string name, PrometheusType type, string help, double value) =>
        new(name, type, help, [new MetricSample("", "", value)]);

    private static List<MetricSample> CollectionsByGeneration()
    {
        // GC.CollectionCount(n) also counts collections of older generations (a gen2 collection collects
        // gen0 and gen1 too); subtracting the next generation attributes each collection to exactly one label.
        var samples = new List<MetricSample>();
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            var olderCollections = generation < GC.MaxGeneration ? GC.CollectionCount(generation + 1) : 0;
            samples.Add(new MetricSample("", PrometheusTextFormat.Label("generation", $"gen{generation}"),
                GC.CollectionCount(generation) - olderCollections));
        }

        return samples;
    }

    private static double ReadStartTimeSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
    }
}
