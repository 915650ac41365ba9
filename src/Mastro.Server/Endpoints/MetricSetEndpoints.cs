using Mastro.Core.Json;
using Mastro.Core.Model;

namespace Mastro.Server.Endpoints;

/// <summary>The metric store's routes under <c>/metricstore</c> (reference §4).</summary>
internal static class MetricSetEndpoints
{
    public static readonly VersionedSetRoutes<MetricSet> Routes = new(
        "/metricstore", "/healthcheck/metricstore", "metric set",
        MastroJsonContext.Default.MetricSet, MastroJsonContext.Default.PageMetricSet);

    public static void MapMetricSetEndpoints(this IEndpointRouteBuilder routes) => routes.MapVersionedSetEndpoints(Routes);
}
