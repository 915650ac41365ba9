using Mastro.Server.Observability;

namespace Mastro.Server.Tests.Observability;

internal static class MetricsScrape
{
    /// <summary>
    /// A meter name no other test uses, so parallel tests cannot see each other's measurements. It lies outside the
    /// "Mastro." prefix that every test server's default listener exports (PrometheusMetrics.DefaultMeterNames), or a
    /// scrape of another test's server would also call this test's observable callbacks.
    /// </summary>
    public static string UniqueMeterName() => $"Tests.Observability.{Guid.NewGuid():N}";

    public static async Task<string> TextAsync(PrometheusMetrics metrics)
    {
        await using var writer = new StringWriter();
        await metrics.WriteAsync(writer, CancellationToken.None);
        return writer.ToString();
    }

    public static async Task<Exposition> ParseAsync(PrometheusMetrics metrics) => Exposition.Parse(await TextAsync(metrics));
}
