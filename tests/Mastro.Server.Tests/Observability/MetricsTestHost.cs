using System.Net;
using Mastro.Server.Observability;
using Mastro.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Mastro.Server.Tests.Observability;

/// <summary>A minimal real ASP.NET Core app on Kestrel (loopback, free port) with the metrics endpoint mapped.</summary>
internal sealed class MetricsTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsTestHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<MetricsTestHost> StartAsync(Action<IEndpointRouteBuilder> mapRoutes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPrometheusMetrics();
        var app = builder.Build();
        mapRoutes(app);
        app.MapPrometheusMetrics();
        await app.StartAsync();
        return new MetricsTestHost(app, new HttpClient { BaseAddress = new Uri(app.Urls.Single()) });
    }

    public async Task<HttpStatusCode> GetStatusAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return response.StatusCode;
    }

    /// <summary>
    /// Scrapes until <paramref name="complete"/> holds or a few seconds passed, and returns the last scrape.
    /// ASP.NET Core records a request's duration only after the response was sent, so the client can be a
    /// moment ahead of the metrics.
    /// </summary>
    public Task<Exposition> ScrapeUntilAsync(Func<Exposition, bool> complete) =>
        Eventually.ReturnsAsync(async () => Exposition.Parse(await Client.GetStringAsync("/metrics")), complete);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
