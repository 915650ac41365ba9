using Mastro.Core.Config;
using Mastro.Core.Json;
using Mastro.Core.Lineage;
using Mastro.Core.Model;
using Mastro.Core.Services;
using Mastro.Core.Storage;
using Mastro.Server.Endpoints;
using Mastro.Server.Http;
using Mastro.Server.Lineage;
using Mastro.Server.Observability;
using Mastro.Server.Security;

namespace Mastro.Server;

/// <summary>
/// Composes the HTTP server: services, middleware and the routes of the roles in <see cref="ServerSettings.Roles"/>.
/// Used by the <c>mastro</c> executable and, unchanged, by the in-process tests.
/// </summary>
public static class MastroServer
{
    /// <summary>A generic host running the server on Kestrel at the settings' address and port.</summary>
    public static IHostBuilder CreateHostBuilder(ServerSettings settings, IMastroStore store) =>
        new HostBuilder()
            .ConfigureLogging(logging => logging.AddMastroJsonConsole())
            .ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25)))
            .ConfigureWebHost(web => web
                .UseKestrel(kestrel =>
                {
                    kestrel.Listen(ListenAddress(settings.Address), settings.Port, listen => TlsEndpoint.Configure(listen, settings.Security.Tls));
                    kestrel.Limits.MaxRequestBodySize = settings.MaxBodyBytes;
                    ConnectionLimits.Apply(kestrel.Limits);
                    kestrel.AddServerHeader = false;
                })
                .ConfigureServices(services => services.AddMastroServer(settings, store))
                .Configure(app => app.UseMastroServer(settings)));

    /// <summary>JSON lines on stdout, written in batches so that the line logged for every request stays cheap.</summary>
    public static ILoggingBuilder AddMastroJsonConsole(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.Services.AddSingleton<ILoggerProvider>(_ => JsonLinesLoggerProvider.ToStandardOutput());
        return logging
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
    }

    public static IServiceCollection AddMastroServer(this IServiceCollection services, ServerSettings settings, IMastroStore store)
    {
        services.AddSingleton(settings);
        services.AddSingleton(store);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new RequestLimits(settings.MaxBodyBytes, settings.MaxBulkItems));
        services.AddSingleton<JsonBodyReader>();
        services.AddSingleton(sp => new AssetCatalogue(store.Assets, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new VersionedSetCatalogue<FeatureSet>(store.FeatureSets, VersionedSetKinds.FeatureSets, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new VersionedSetCatalogue<MetricSet>(store.MetricSets, VersionedSetKinds.MetricSets, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new LineageService(store.Lineage, sp.GetRequiredService<AssetCatalogue>(), sp.GetRequiredService<TimeProvider>()));
        if (settings.Serves(MastroConfig.Catalogue)) services.AddHostedService<LineageRetentionService>();
        services.AddRouting();
        services.AddRequestDecompression();
        services.AddCors(cors => cors.AddDefaultPolicy(policy => CorsPolicies.Configure(policy, settings.Security.CorsOrigins)));
        services.AddMastroSecurity(settings);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, MastroJsonContext.Default));
        services.AddOpenApi();
        services.AddPrometheusMetrics();
        return services;
    }

    public static IApplicationBuilder UseMastroServer(this IApplicationBuilder app, ServerSettings settings)
    {
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<AuditMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseStatusCodePages(ErrorResponses.WriteForStatusCodeAsync);
        // Only for the requests they concern (a browser's cross-origin call, a compressed body): both would only look
        // for their header and pass every other request on.
        app.UseWhen(context => context.Request.Headers.Origin.Count > 0, cors => cors.UseCors());
        app.UseWhen(context => context.Request.Headers.ContentEncoding.Count > 0, compressed => compressed.UseRequestDecompression());
        app.UseRouting();
        app.UseMastroSecurity(settings);
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapProbeEndpoints();
            endpoints.MapPrometheusMetrics().WithMetricsAccess(settings.Security.MetricsAccess);
            endpoints.MapAuditEndpoints();
            endpoints.MapOpenApi();
            if (settings.Serves(MastroConfig.Catalogue)) endpoints.MapAssetEndpoints();
            if (settings.Serves(MastroConfig.Catalogue)) endpoints.MapLineageEndpoints();
            if (settings.Serves(MastroConfig.FeatureStore)) endpoints.MapFeatureSetEndpoints();
            if (settings.Serves(MastroConfig.MetricStore)) endpoints.MapMetricSetEndpoints();
            if (settings.Serves(MastroConfig.Catalogue)) endpoints.MapWebUi();
        });
        return app;
    }

    private static System.Net.IPAddress ListenAddress(string address) => address switch
    {
        "localhost" => System.Net.IPAddress.Loopback,
        "" or "*" or "0.0.0.0" => System.Net.IPAddress.Any,
        _ => System.Net.IPAddress.TryParse(address, out var ip)
            ? ip
            : throw new ConfigException($"details.address: '{address}' is not an IP address"),
    };
}
