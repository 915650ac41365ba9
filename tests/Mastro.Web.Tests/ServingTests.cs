using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Mastro.Web.Tests;

/// <summary>How the server hands out the UI: index.html for / and client routes, cached hashed files, API routes untouched.</summary>
[Collection(WebUiCollection.Name)]
public sealed class ServingTests(WebUiFixture server)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/?q=orders")]
    [InlineData("/ui/asset/sales.orders_2021")]
    [InlineData("/ui/asset/a%2Fb%3Fc")]
    [InlineData("/ui/metricset/orders_quality")]
    public async Task Pages_and_client_routes_answer_the_app(string path)
    {
        using var response = await server.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("<div id=\"root\"></div>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_script_is_served_by_mastro_itself_cached_for_ever_and_gzipped_on_request()
    {
        var script = await ScriptPathAsync();
        Assert.StartsWith("/ui/assets/", script);

        using var plain = await server.Http.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("text/javascript", plain.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", plain.Headers.CacheControl?.ToString());
        var body = await plain.Content.ReadAsByteArrayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var gzipped = await server.Http.SendAsync(request);
        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        var compressed = await gzipped.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < body.Length / 2, $"{compressed.Length} bytes gzipped of {body.Length}");
        using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await unzip.CopyToAsync(unzipped);
        Assert.Equal(body, unzipped.ToArray());
    }

    [Fact]
    public async Task Gzip_refused_with_q_zero_gets_the_plain_file_and_head_gets_no_body()
    {
        var script = await ScriptPathAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip", 0));
        using var plain = await server.Http.SendAsync(request);
        Assert.Empty(plain.Content.Headers.ContentEncoding);

        using var head = await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/ui/asset/x"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_known_etag_answers_304()
    {
        using var first = await server.Http.GetAsync("/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var again = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Theory]
    [InlineData("/ui/assets/missing.js")]
    [InlineData("/nothing/here")]
    [InlineData("/asset/name/no-such-asset")]
    [InlineData("/assets/unknown")]
    public async Task Other_paths_keep_their_json_404(string path)
    {
        using var response = await server.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not_found", error.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Api_routes_still_answer_json()
    {
        using var response = await server.Http.GetAsync("/assets/?limit=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, page.RootElement.GetProperty("data").GetArrayLength());
    }

    private async Task<string> ScriptPathAsync()
    {
        var html = await server.Http.GetStringAsync("/");
        var match = System.Text.RegularExpressions.Regex.Match(html, "<script type=\"module\" crossorigin src=\"([^\"]+)\"");
        Assert.True(match.Success, html);
        return match.Groups[1].Value;
    }
}
