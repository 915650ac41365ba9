using System.Net;
using Mastro.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Mastro.Server.Tests.Observability;

public sealed class PrometheusEndpointTests
{
    private const string ProbeRoute = "/probe/{id:int}";
    private const string RequestCount = "http_server_request_duration_seconds_count";

    [Fact]
    public async Task Metrics_endpoint_reports_hosting_kestrel_and_store_metrics_of_a_real_server()
    {
        var operation = $"probe-{Guid.NewGuid():N}";
        await using var host = await MetricsTestHost.StartAsync(endpoints =>
        {
            endpoints.MapGet(ProbeRoute, (int id) => id == 0 ? Results.NotFound() : Results.Ok(id));
            endpoints.MapGet("/store-probe", () => StoreMetrics.MeasureAsync(operation, () => Task.FromResult("stored")));
        });

        foreach (var id in new[] { 1, 2, 3 }) Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync($"/probe/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, await host.GetStatusAsync("/probe/0"));
        Assert.Equal(HttpStatusCode.OK, await host.GetStatusAsync("/store-probe"));
        var exposition = await host.ScrapeUntilAsync(scrape => ProbeCount(scrape, "200") == 3 && ProbeCount(scrape, "404") == 1);

        Assert.Equal(3, ProbeCount(exposition, "200"));
        Assert.Equal(1, ProbeCount(exposition, "404"));
        Assert.Equal("histogram", exposition.Types["http_server_request_duration_seconds"]);
        Assert.Equal(3, exposition.Value("http_server_request_duration_seconds_bucket", ("http_request_method", "GET"),
            ("http_route", ProbeRoute), ("http_response_status_code", "200"), ("network_protocol_version", "1.1"),
            ("url_scheme", "http"), ("le", "+Inf")));
        Assert.Equal(1, exposition.Value("mastro_store_operation_duration_seconds_count", ("operation", operation), ("outcome", "ok")));
        Assert.Equal("gauge", exposition.Types["kestrel_active_connections"]);
        Assert.Equal("gauge", exposition.Types["http_server_active_requests"]);
        Assert.Contains("process_resident_memory_bytes", exposition.FamilyNames);
    }

    [Fact]
    public async Task Metrics_endpoint_answers_with_the_prometheus_text_content_type()
    {
        await using var host = await MetricsTestHost.StartAsync(_ => { });

        using var response = await host.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Exposition.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Each_host_in_a_process_reports_only_its_own_requests()
    {
        await using var first = await MetricsTestHost.StartAsync(endpoints => endpoints.MapGet(ProbeRoute, (int id) => id));
        await using var second = await MetricsTestHost.StartAsync(endpoints => endpoints.MapGet(ProbeRoute, (int id) => id));

        await first.GetStatusAsync("/probe/1");
        await first.GetStatusAsync("/probe/2");
        await second.GetStatusAsync("/probe/3");
        // Second host first: once it shows its request, a leak into the first host could not go unseen.
        var secondScrape = await second.ScrapeUntilAsync(scrape => ProbeCount(scrape, "200") >= 1);
        var firstScrape = await first.ScrapeUntilAsync(scrape => ProbeCount(scrape, "200") >= 2);

        Assert.Equal(2, ProbeCount(firstScrape, "200"));
        Assert.Equal(1, ProbeCount(secondScrape, "200"));
    }

    private static double? ProbeCount(Exposition exposition, string status) =>
        exposition.SamplesOf("http_server_request_duration_seconds")
            .Where(sample => sample.Name == RequestCount
                             && sample.Labels.GetValueOrDefault("http_route") == ProbeRoute
                             && sample.Labels.GetValueOrDefault("http_response_status_code") == status)
            .Select(sample => (double?)sample.Value)
            .SingleOrDefault();
}
