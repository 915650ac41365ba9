using Mastro.Core.Json;
using Mastro.Core.Model;

namespace Mastro.Server.Endpoints;

/// <summary>The feature store's routes under <c>/featureset</c> (reference §3).</summary>
internal static class FeatureSetEndpoints
{
    public static readonly VersionedSetRoutes<FeatureSet> Routes = new(
        "/featureset", "/healthcheck/featureset", "feature set",
        MastroJsonContext.Default.FeatureSet, MastroJsonContext.Default.PageFeatureSet);

    public static void MapFeatureSetEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapVersionedSetEndpoints(Routes);
        routes.MapPythonClientAliases(Routes);
    }
}
