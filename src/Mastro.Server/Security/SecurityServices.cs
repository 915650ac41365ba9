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
        services.AddSingleton<AuditWriter>();
        // AddAuthentication() would also add data protection, for cookies Mastro never issues: a key ring made at every
        // start (a key file under $HOME/.aspnet), ~40 ms of a cold start. The handler needs only the core and encoders.
        services.AddAuthenticationCore(options => options.DefaultScheme = Caller.AuthenticationScheme);
        services.AddWebEncoders();
        new AuthenticationBuilder(services)
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
        if (!settings.RequiresAuth)
            return app.UseOpenAccess(settings);
        app.UseAuthentication();
        if (settings.Security.RateLimitPerMinute > 0)
            app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Without authentication every caller is <see cref="Caller.Anonymous"/>, whose role allows every route: the
    /// authentication and authorization middleware would reach that answer through a handler made per request, a
    /// ticket and a policy evaluation (5 % of a <c>GET /asset/name/…</c>'s CPU time), so the caller is set directly.
    /// </summary>
    private static IApplicationBuilder UseOpenAccess(this IApplicationBuilder app, ServerSettings settings)
    {
        app.Use((context, next) =>
        {
            // A principal per request, as authentication would make: nothing shares one between requests.
            context.User = Caller.Anonymous.ToPrincipal();
            return next(context);
        });
        if (settings.Security.RateLimitPerMinute > 0)
            app.UseRateLimiter();
        return app;
    }

    /// <summary><c>details.metrics-auth</c>: open for scrapers (default) or any valid token.</summary>
    public static IEndpointConventionBuilder WithMetricsAccess(this IEndpointConventionBuilder metrics, MetricsAccess access) =>
        access == MetricsAccess.Open ? metrics.AllowAnonymous() : metrics.RequiresRole(Core.Security.Role.View);
}
