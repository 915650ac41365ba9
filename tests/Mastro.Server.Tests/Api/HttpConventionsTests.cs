using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mastro.Core.Config;
using Mastro.Testing;

namespace Mastro.Server.Tests.Api;

/// <summary>
/// A server with small limits, so limit tests send kilobytes, not 16 MiB; and with the original's allow-all CORS,
/// configured explicitly (the default is same origin only, see Security/CorsTests).
/// </summary>
public sealed class SmallLimitsApiFactory : SqliteApiFactory
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxBulkItems = 50;

    protected override ServerSettings Adjust(ServerSettings settings) =>
        settings with { MaxBodyBytes = MaxBodyBytes, MaxBulkItems = MaxBulkItems, Security = settings.Security with { CorsOrigins = ["*"] } };
}

/// <summary>What every route shares: error bodies for unknown routes and verbs, limits, CORS, probes, OpenAPI, metrics.</summary>
public sealed class HttpConventionsTests(SmallLimitsApiFactory factory) : ApiTestBase(factory), IClassFixture<SmallLimitsApiFactory>
{
    [Theory]
    [InlineData(1)]
    [InlineData(SmallLimitsApiFactory.MaxBulkItems)] // an answer of many kilobytes, past the first buffer
    public async Task Json_answers_are_sent_whole_with_their_length(int count)
    {
        var names = Enumerable.Range(0, count).Select(_ => Unique("sized")).ToList();
        var assets = new JsonArray([.. names.Select(n => (JsonNode)Asset(n, description: new string('d', 200)))]);
        using var put = await Api.Http.PutAsync("/assets/", new StringContent(assets.ToJsonString(), Encoding.UTF8, "application/json"));
        using var get = await Api.Http.GetAsync($"/asset/name/{names[^1]}");

        foreach (var (response, expected) in new[] { (put, count), (get, 1) })
        {
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
            Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
            var json = JsonNode.Parse(body)!;
            Assert.Equal(expected, json is JsonArray array ? array.Count : 1);
        }
    }

    [Fact]
    public async Task Unknown_routes_are_404_error_bodies()
    {
        var response = await Api.GetAsync("/no/such/route");
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Contains("no route for GET /no/such/route", response.ErrorMessage);
        Assert.StartsWith("application/json", response.ContentType);
    }

    [Theory]
    [InlineData("PATCH", "/asset/name/x")]
    [InlineData("POST", "/asset/")]
    [InlineData("GET", "/assets/tags")]
    [InlineData("PATCH", "/featureset/")]
    public async Task Wrong_verbs_are_405_error_bodies(string method, string path)
    {
        var response = await Api.SendAsync(new HttpMethod(method), path, "{}");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Contains($"method {method} is not allowed", response.ErrorMessage);
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_413_and_store_nothing()
    {
        var name = Unique("huge");
        var body = Asset(name, description: new string('x', SmallLimitsApiFactory.MaxBodyBytes + 1)).ToJsonString();

        var response = await Api.PutAsync("/asset/", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Contains("larger than the limit", response.ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/asset/name/{name}")).Status);
    }

    [Fact]
    public async Task Bulk_requests_with_too_many_items_are_413_and_store_nothing()
    {
        var names = Enumerable.Range(0, SmallLimitsApiFactory.MaxBulkItems + 1).Select(i => Unique($"many{i}")).ToArray();
        var response = await Api.PutAsync("/assets/", Array(names.Select(n => (JsonNode)Asset(n)).ToArray()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Contains($"the limit is {SmallLimitsApiFactory.MaxBulkItems}", response.ErrorMessage);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/asset/name/{names[0]}")).Status);
    }

    [Fact]
    public async Task Deeply_nested_json_is_a_bad_request()
    {
        var deep = new string('[', 200) + new string(']', 200);
        var response = await Api.PutAsync("/asset/", "{\"name\":\"deep\",\"type\":\"dataset\",\"labels\":{\"x\":" + deep + "}}");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("depth", response.ErrorMessage);
    }

    [Fact]
    public async Task Invalid_utf8_is_a_bad_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/asset/")
        {
            Content = new ByteArrayContent([.. "{\"name\":\""u8, 0xff, 0xfe, .. "\",\"type\":\"dataset\"}"u8]),
        };
        var response = await Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Any_content_type_is_read_as_json_like_the_original()
    {
        var name = Unique("form");
        var response = await Api.SendAsync(HttpMethod.Put, "/asset/", Asset(name).ToJsonString(), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    [Fact]
    public async Task Gzip_request_bodies_are_accepted()
    {
        var name = Unique("gzip");
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Asset(name).ToJsonString()));
        using var request = new HttpRequestMessage(HttpMethod.Put, "/asset/") { Content = new ByteArrayContent(compressed.ToArray()) };
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Content.Headers.ContentType = new("application/json");

        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(request)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync($"/asset/name/{name}")).Status);
    }

    /// <summary>The body buffer is sized by Content-Length, which for a compressed body is far less than what it holds (within the 64 KiB limit).</summary>
    [Fact]
    public async Task A_gzip_request_body_many_times_its_compressed_size_is_read_whole()
    {
        var name = Unique("gzip-large");
        var description = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"row {i % 97}; "));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Asset(name, description: description).ToJsonString()));
        Assert.True(compressed.Length * 20 < description.Length, $"{compressed.Length} B compressed");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/asset/") { Content = new ByteArrayContent(compressed.ToArray()) };
        request.Content.Headers.ContentEncoding.Add("gzip");

        Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(request)).Status);
        Assert.Equal(description, (await Api.GetAsync($"/asset/name/{name}")).Json["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cors_preflight_and_requests_follow_the_original_when_every_origin_is_allowed()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/assets/search");
        preflight.Headers.Add("Origin", "http://ui.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "Content-Type");
        var answer = await Api.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("43200", answer.Headers.GetValues("Access-Control-Max-Age").Single());
        Assert.Contains("POST", answer.Headers.GetValues("Access-Control-Allow-Methods").Single());

        using var get = new HttpRequestMessage(HttpMethod.Get, "/healthcheck/asset");
        get.Headers.Add("Origin", "http://ui.example");
        Assert.Equal("*", (await Api.SendAsync(get)).Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("/healthcheck/asset", "pong")]
    [InlineData("/healthcheck/featureset", "pong")]
    [InlineData("/healthcheck/metricstore", "pong")]
    [InlineData("/healthz", "ok")]
    [InlineData("/readyz", "ready")]
    public async Task Probes_answer_plain_text(string path, string text)
    {
        var response = await Api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(text, response.Text);
        Assert.Equal("text/plain; charset=utf-8", response.ContentType);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_routes()
    {
        var response = await Api.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var paths = response.Json["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/asset", paths);
        Assert.Contains("/assets/search", paths);
        Assert.Contains("/featureset/id/{id}", paths);
        Assert.Contains("/metricstore", paths);
        Assert.NotNull(response.Json["components"]!["schemas"]!["Asset"]);
    }

    [Fact]
    public async Task Metrics_count_requests_by_route_and_status_and_time_the_store()
    {
        await Api.GetAsync($"/asset/name/{Unique("metrics")}");
        await Api.GetAsync($"/asset/name/{Unique("metrics")}");

        // ASP.NET Core records a request's duration when the request ends, a moment after its client has the answer.
        var metrics = await Eventually.ReturnsAsync(async () => (await Api.GetAsync("/metrics")).Text, text => NotFoundCount(text) >= 2);

        Assert.True(NotFoundCount(metrics) >= 2, metrics);
        Assert.Contains("mastro_store_operation_duration_seconds_count{operation=\"assets.find\"", metrics);
    }

    /// <summary>The request count of the asset-by-name route's 404s in a scrape; 0 before the first is recorded.</summary>
    private static double NotFoundCount(string metrics) =>
        metrics.Split('\n').Where(l =>
                l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
                && l.Contains("http_route=\"/asset/name/{**name}\"") && l.Contains("http_response_status_code=\"404\""))
            .Select(l => double.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture))
            .SingleOrDefault();
}
