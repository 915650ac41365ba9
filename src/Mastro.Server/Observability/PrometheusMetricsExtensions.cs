using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mastro.Server.Observability;

public static class PrometheusMetricsExtensions
{
    /// <summary>
    /// Registers <see cref="PrometheusMetrics"/> as a singleton exporting <see cref="PrometheusMetrics.DefaultMeterNames"/>
    /// from this host's <see cref="IMeterFactory"/>.
    /// </summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(provider => new PrometheusMetrics(
            PrometheusMetrics.DefaultMeterNames,
            provider.GetRequiredService<IMeterFactory>(),
            provider.GetService<ILogger<PrometheusMetrics>>()));
        return services;
    }

    /// <summary>Answers GET <paramref name="pattern"/> with all metrics in the Prometheus text format.</summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        // Resolved now, while the app is being built, rather than on the first scrape: measurements are only
        // recorded once the listener exists, and the requests before the first scrape should count too.
        var metrics = endpoints.ServiceProvider.GetRequiredService<PrometheusMetrics>();
        return endpoints.MapGet(pattern, async (HttpContext context) =>
            {
                context.Response.ContentType = PrometheusMetrics.ContentType;
                // Async dispose: Kestrel forbids the synchronous flush a plain Dispose would do.
                await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), leaveOpen: true);
                await metrics.WriteAsync(writer, context.RequestAborted);
            })
            .ExcludeFromDescription();
    }
}
