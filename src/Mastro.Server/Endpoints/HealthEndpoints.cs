using Mastro.Core.Storage;
using Mastro.Server.Http;
using Microsoft.AspNetCore.Authorization;

namespace Mastro.Server.Endpoints;

/// <summary>Probes: the original's <c>/healthcheck/*</c> (<c>pong</c>), and Kubernetes' <c>/healthz</c> and <c>/readyz</c>.</summary>
internal static class HealthEndpoints
{
    /// <summary>How long readiness waits for the store before calling it unreachable.</summary>
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(2);

    public static IResult Pong() => TypedResults.Text("pong", "text/plain; charset=utf-8");

    public static void MapProbeEndpoints(this IEndpointRouteBuilder routes)
    {
        // Open to probes: kubelets and load balancers carry no token.
        var group = routes.MapGroup("").WithTags("health").AllowAnonymous();
        // Liveness: the process answers. Deliberately does not touch the store, so an outage does not restart pods.
        group.MapGet("/healthz", () => TypedResults.Text("ok", "text/plain; charset=utf-8"));
        group.MapGet("/readyz", async (IMastroStore store, HttpContext context) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(ReadinessTimeout);
            try
            {
                await store.PingAsync(timeout.Token);
                return TypedResults.Text("ready", "text/plain; charset=utf-8");
            }
            catch (Exception e) when (e is StoreUnavailableException or OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
            {
                throw new StoreUnavailableException("store did not answer the readiness check", e);
            }
        });
    }
}
