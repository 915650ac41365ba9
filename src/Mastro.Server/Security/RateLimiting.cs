using Microsoft.Net.Http.Headers;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Mastro.Server.Security;

/// <summary>
/// <c>details.rate-limit-per-minute</c>: at most that many requests per minute per token (per client address for
/// requests without a valid token); more are answered 429 with <c>Retry-After</c>. Open routes (probes, web UI
/// files) are not limited, so a busy client can never make Kubernetes think the pod is dead.
/// </summary>
internal static class RateLimiting
{
    public static IServiceCollection AddMastroRateLimiting(this IServiceCollection services, int perMinute) =>
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RouteAccess.IsOpen(context.GetEndpoint())
                    ? RateLimitPartition.GetNoLimiter("open")
                    : RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }));
            options.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                return new ValueTask(Http.ErrorResponses.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
                    $"rate limit of {perMinute} requests per minute reached; retry in {seconds} s",
                    new KeyValuePair<string, string>(HeaderNames.RetryAfter, seconds.ToString(CultureInfo.InvariantCulture))));
            };
        });

    /// <summary>One budget per token; the bootstrap admin has its own; everyone else is counted by address.</summary>
    private static string PartitionKey(HttpContext context) =>
        Caller.Of(context.User) switch
        {
            { TokenId: { } id } => $"token:{id}",
            { Name: Core.Security.AdminToken.ActorName } => "bootstrap-admin",
            _ => $"address:{context.Connection.RemoteIpAddress}",
        };
}
