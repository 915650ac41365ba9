using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Mastro.Server.Security;

/// <summary>
/// <c>details.cors-origins</c>: by default no origin is allowed, so only pages served by Mastro itself (same origin)
/// may call it from a browser; <c>*</c> restores the original's allow-all. Methods, headers and the 12 h preflight cache
/// are the original's, plus <c>Authorization</c> for tokens.
/// </summary>
internal static class CorsPolicies
{
    public static void Configure(CorsPolicyBuilder policy, IReadOnlyList<string> origins)
    {
        if (origins is ["*"])
            policy.AllowAnyOrigin();
        else
            policy.WithOrigins([.. origins]);
        policy
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")
            .WithHeaders("Origin", "Content-Length", "Content-Type", "Authorization")
            .WithExposedHeaders("Location", "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(12));
    }
}
