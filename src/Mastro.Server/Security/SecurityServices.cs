using Mastro.Core.Config;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Mastro.Server.Security;

/// <summary>Wires authentication, authorization, rate limiting and the audit log into the server (docs/SECURITY.md).</summary>
internal static class SecurityServices
{
    public static IServiceCollection AddMastroSecurity(this IServiceCollection services, ServerSettings settings)
    {
        services.AddSingleton<TokenVerifier>();
        services.AddAuthentication(Caller.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(Caller.AuthenticationScheme, _ => { });
        // Every route not explicitly open needs the role RouteAccess names, so none can be forgotten.
        services.AddAuthorizationBuilder().SetFallbackPolicy(RoleRequirement.Policy);
        if (settings.Security.RateLimitPerMinute > 0)
            services.AddMastroRateLimiting(settings.Security.RateLimitPerMinute);
        services.AddHostedService<SecurityStartupLog>();
        return services;
    }

    /// <summary>After routing (the rules depend on the matched route): who is calling, how often, and may they.</summary>
    public static IApplicationBuilder UseMastroSecurity(this IApplicationBuilder app, ServerSettings settings)
    {
        app.UseAuthentication();
        if (settings.Security.RateLimitPerMinute > 0)
            app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary><c>details.metrics-auth</c>: open for scrapers (default) or any valid token.</summary>
    public static IEndpointConventionBuilder WithMetricsAccess(this IEndpointConventionBuilder metrics, MetricsAccess access) =>
        access == MetricsAccess.Open ? metrics.AllowAnonymous() : metrics.RequiresRole(Core.Security.Role.View);
}
